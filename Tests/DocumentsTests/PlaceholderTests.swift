import Testing
@testable import Documents

@Test func documentsModuleLinks() {
    #expect(String(describing: DocumentsModule.self) == "DocumentsModule")
}
