import Notifications
import Testing

/// JSON text out of a `JSONValue`: what the stand-in backend answers with.
@Suite struct JSONWritingTests {
    @Test(arguments: [
        #"{"code":1,"msg":null,"data":{"id":9007199254740993,"amount":38.00,"ok":true,"no":false,"list":[1,-2.5e3,"x",[],{}]}}"#,
        #"{"content":"订单号: 1764126000001 🍜","q":"a\"b\\c\nd\te"}"#,
        #"[]"#, #""plain""#, "0",
    ])
    func writtenTextReadsBackTheSameAndCompactTextIsKeptByteForByte(text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(value.text == text)
        #expect(try JSONParser.parse(value.text) == value)
    }

    @Test func controlCharactersAndLineSeparatorsAreEscaped() {
        let v = JSONValue.string("a\u{01}b\u{7F}c\u{2028}d\u{08}\u{0C}\r")
        #expect(v.text == #""a\u0001b\u007fc\u2028d\b\f\r""#)
        #expect(JSONEscaping.literal("宫保鸡丁") == "\"宫保鸡丁\"")
    }

    @Test func helpersWriteNullForNil() {
        let none: Int? = nil
        #expect(JSONValue.object([("a", .integer(none)), ("b", .nullableString(nil)), ("c", .integer(Int64(-5)))]).text == #"{"a":null,"b":null,"c":-5}"#)
    }
}
