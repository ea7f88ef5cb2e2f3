import Foundation
import Testing
@testable import IndsatsKit

/// Inputs a reviewer built to break the state machine; each once gave a
/// wrong value with no warning.
@Suite struct ReviewRegressionTests {
    func extract(_ text: String) throws -> ReportDocument { try Repo.extractText(text) }

    @Test func aNumberedListInsideAValueDoesNotEndTheBlock() throws {
        let document = try extract("""
            2. Indsatser

            2.1 Status for Jobpatruljer

            Navn på indsats Jobpatrulje
            Beskriv aktiviteterne Aktiviteterne er:
            1. Opsøgende arbejde i boligområderne
            3. Opfølgning med virksomheder
            Mål Halvdelen i job
            Status ift. målopfyldelse ./.
            """)
        let block = try #require(document.initiatives.first)
        #expect(block.fields["activities"] == "Aktiviteterne er: 1. Opsøgende arbejde i boligområderne 3. Opfølgning med virksomheder")
        #expect(block.fields["status"] == "./.")
        #expect(block.chapter == "2. Indsatser")
    }

    @Test func aNewTableWithoutHeadingIsANewInitiative() throws {
        let document = try extract("""
            Navn på indsats Jobpatrulje
            Mål Halvdelen i job
            Status ift. målopfyldelse Godt på vej

            Navn på indsats Helbredsafklarende team
            Mål 100 forløb
            """)
        #expect(document.initiatives.map { $0.fields["name"] } == ["Jobpatrulje", "Helbredsafklarende team"])
        #expect(document.initiatives.map(\.number) == [nil, nil])
        #expect(document.initiatives[0].fields["status"] == "Godt på vej")
    }

    @Test func aWrappedLineStartingWithALabelWordDoesNotSkipRequiredFields() throws {
        let document = try extract("""
            2.1 Status for Jobpatruljer
            Navn på indsats Jobpatrulje
            Økonomi 6,9 mio. kr.
            Målgruppe Ledige i udsatte boligområder, jf.
            Mål 2 i integrationspolitikken
            Beskriv aktiviteterne Opsøgende arbejde
            Mål Halvdelen i job
            Status ift. målopfyldelse ./.
            """)
        let block = try #require(document.initiatives.first)
        #expect(block.fields["targetGroup"] == "Ledige i udsatte boligområder, jf. Mål 2 i integrationspolitikken")
        #expect(block.fields["activities"] == "Opsøgende arbejde")
        #expect(block.fields["goal"] == "Halvdelen i job")
    }

    @Test func textBetweenHeadingAndTableIsAWarningNotLost() throws {
        let document = try extract("""
            2.1 Status for Jobpatruljer

            Indsatsen blev udvidet i 2009.

            Navn på indsats Jobpatrulje
            """)
        let block = try #require(document.initiatives.first)
        #expect(block.warnings.contains { $0.code == .strayText && $0.message.contains("Indsatsen blev udvidet i 2009.") })
    }

    @Test func aTwoLineRunningHeaderIsLeftOut() throws {
        let document = try extract("""
            Statusredegørelse 2009
            Beskæftigelses- og Integrationsforvaltningen
            2.1 Status for Jobpatruljer

            Navn på indsats Jobpatrulje
            Målgruppe Ledige i udsatte
             Statusredegørelse 2009
            Beskæftigelses- og Integrationsforvaltningen
            boligområder
            Beskriv aktiviteterne Opsøgende arbejde
             Statusredegørelse 2009
            Beskæftigelses- og Integrationsforvaltningen
            Mål Halvdelen i job
            """)
        let block = try #require(document.initiatives.first)
        #expect(block.fields["targetGroup"] == "Ledige i udsatte boligområder")
        #expect(block.fields["activities"] == "Opsøgende arbejde")
        #expect(document.report.furniture == ["Statusredegørelse #", "Beskæftigelses- og Integrationsforvaltningen"]
                || document.report.furniture == ["Statusredegørelse 2009", "Beskæftigelses- og Integrationsforvaltningen"])
    }

    /// Corpus/fixtures/unknown-label-and-tight-label.pdf (LibreOffice from the .html beside it):
    /// a label "Økonomi (mio. kr.)" the grammar does not know, labels that nearly fill
    /// their cell, and a second table under an unnumbered heading.
    @Test func pdfUnknownRowsTightLabelsAndUnnumberedTables() throws {
        let document = try Repo.extract("Corpus/fixtures/unknown-label-and-tight-label.pdf")
        #expect(document.initiatives.count == 2)
        let first = try #require(document.initiatives.first)
        #expect(first.fields["name"] == "Jobpatrulje")
        #expect(first.fields["economy"] == nil)
        #expect(first.fields["status"] == "Godt på vej")
        #expect(first.warnings.contains { $0.code == .unknownLabel && $0.message.contains("Økonomi (mio. kr.)") })
        #expect(first.warnings.contains { $0.code == .strayText && $0.message.contains("6,9 mio. kr. i 2009") })
        #expect(document.initiatives[1].fields["name"] == "Helbredsafklarende team")
    }
}
