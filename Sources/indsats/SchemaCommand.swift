import ArgumentParser
import Foundation
import IndsatsKit

/// `indsats schema`: the output contract, machine-readable, so that consumers
/// can validate documents without a checkout of this repository.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the output document.",
        discussion: """
            The schema describes exactly the schemaVersion this indsats writes; \
            every key is required or explicitly optional, and no other key is allowed.

            Example:
              indsats schema > indsats-document.schema.json
            """)

    func run() throws {
        FileHandle.standardOutput.write(try DocumentSchema.data())
    }
}
