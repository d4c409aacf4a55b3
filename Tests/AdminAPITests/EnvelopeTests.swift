@testable import AdminAPI
import Notifications
import Testing

@Suite struct EnvelopeTests {
    func read(_ status: Int, _ body: String) throws(AdminAPIError) -> Envelope {
        try Envelope.read(status: status, body: Array(body.utf8))
    }

    @Test func codeOneIsTheData() throws {
        #expect(try read(200, #"{"code":1,"msg":null,"data":{"toBeConfirmed":2}}"#) == .ok(try JSONParser.parse(#"{"toBeConfirmed":2}"#)))
        #expect(try read(200, #"{"code":1,"msg":null}"#) == .ok(.null))
    }

    @Test func codeZeroIsARefusalInTheBackendsWords() throws {
        #expect(try read(200, #"{"code":0,"msg":"订单状态错误","data":null}"#) == .refused("订单状态错误"))
        #expect(try read(200, #"{"code":0,"msg":null,"data":null}"#) == .refused("refused without a message (code 0)"))
    }

    @Test func http401WithAnEmptyBodyIsUnauthorized() throws {
        #expect(try read(401, "") == .unauthorized)
    }

    @Test(arguments: [500, 502, 400, 404, 302])
    func otherStatusesAreHTTPErrors(status: Int) {
        #expect(throws: AdminAPIError.http(status)) { try read(status, #"{"timestamp":"…","status":500}"#) }
    }

    @Test(arguments: [
        ("{\"code\":1,", "unexpected answer from the admin API: not JSON (unexpected end of input)"),
        ("", "unexpected answer from the admin API: an empty body"),
        ("[1]", "unexpected answer from the admin API: expected a {\"code\",\"msg\",\"data\"} object, got an array"),
        ("{\"msg\":\"x\"}", "unexpected answer from the admin API: the answer has no code"),
        ("{\"code\":\"1\"}", "unexpected answer from the admin API: code is a string, not a whole number"),
        ("{\"code\":2}", "unexpected answer from the admin API: unexpected code 2"),
        ("<html>\u{1B}[31m</html>", "unexpected answer from the admin API: not JSON (unexpected '<' at offset 0)"),
    ])
    func anUnexpectedShapeIsABadAnswerNamingWhatWasWrong(body: String, shown: String) {
        let e = #expect(throws: AdminAPIError.self) { try read(200, body) }
        #expect(e?.description == shown)
    }

    @Test func serverTextInErrorsCannotDriveTheTerminal() {
        #expect(AdminAPIError.refused("bad\u{1B}[2Jthing\n").description == "bad\\u{1B}[2Jthing\\n")
        #expect(AdminAPIError.loginFailed("密码错误").description == "login failed: 密码错误")
    }
}
