// Checks a generated report with libxml2's XML parser (the report is XHTML-style HTML5, so a well-formed report
// parses with zero errors) and returns its element tree for structural checks.
internal import CLibXML2

/// An element of a parsed report.
public struct XMLElement: Sendable, Equatable {
    public var name: String
    public var attributes: [String: String]
    public var children: [XMLElement]
    /// The element's own text (its text-node children, concatenated).
    public var ownText: String

    /// All text inside the element, in document order.
    public var text: String { ownTextAndChildren() }

    /// Every descendant element (depth first, document order) satisfying `predicate`, including self.
    public func all(where predicate: (XMLElement) -> Bool) -> [XMLElement] {
        var out: [XMLElement] = []
        func visit(_ e: XMLElement) {
            if predicate(e) { out.append(e) }
            for c in e.children { visit(c) }
        }
        visit(self)
        return out
    }

    /// Descendants with the given element name.
    public func all(_ name: String) -> [XMLElement] { all { $0.name == name } }

    private func ownTextAndChildren() -> String {
        var s = ""
        func visit(_ e: XMLElement) {
            s += e.ownText
            for c in e.children { visit(c) }
        }
        visit(self)
        return s
    }
}

/// A report that libxml2 found not well formed.
public struct ReportValidationError: Error, Sendable, CustomStringConvertible {
    /// "line N: message" for each error libxml2 reported.
    public var errors: [String]
    public var description: String { "report is not well formed: " + errors.prefix(5).joined(separator: "; ") }
}

/// The report checker.
public enum XHTMLCheck {
    /// Parses `html` with libxml2's XML parser (no network, no entity loading) and returns the root element.
    /// - Throws: `ReportValidationError` listing every error libxml2 reported (any error at all fails).
    public static func parse(_ html: String) throws -> XMLElement {
        let collector = ErrorCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlSetStructuredErrorFunc(context) { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            collector.errors.append("line \(error.pointee.line): " + message.trimmingTrailingNewlines())
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue)
        let document: xmlDocPtr? = html.withCString { bytes in
            xmlReadMemory(bytes, Int32(strlen(bytes)), "report.html", "UTF-8", options)
        }
        defer { if let document { xmlFreeDoc(document) } }
        guard let document, collector.errors.isEmpty, let root = xmlDocGetRootElement(document) else {
            throw ReportValidationError(errors: collector.errors.isEmpty ? ["no document"] : collector.errors)
        }
        return element(root)
    }

    private static func element(_ node: xmlNodePtr) -> XMLElement {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let a = attribute {
            let name = String(cString: a.pointee.name)
            var value = ""
            var child = a.pointee.children
            while let c = child {
                if let content = c.pointee.content { value += String(cString: content) }
                child = c.pointee.next
            }
            attributes[name] = value
            attribute = a.pointee.next
        }
        var children: [XMLElement] = []
        var text = ""
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE: children.append(element(c))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { text += String(cString: content) }
            default: break
            }
            child = c.pointee.next
        }
        return XMLElement(name: String(cString: node.pointee.name), attributes: attributes, children: children,
                          ownText: text)
    }
}

private final class ErrorCollector {
    var errors: [String] = []
}

private func strlen(_ s: UnsafePointer<CChar>) -> Int {
    var n = 0
    while s[n] != 0 { n += 1 }
    return n
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var s = self
        while s.last == "\n" { s.removeLast() }
        return s
    }
}
