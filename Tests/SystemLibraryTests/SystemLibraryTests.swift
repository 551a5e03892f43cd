// Checks that each wrapped C library links and computes: a wrong or missing system package fails here first.
import CBLAS
import CLibXML2
import Testing

@Test func sgemmMatchesHandComputedProduct() {
    // [[1,2],[3,4]] x [[5,6],[7,8]] = [[19,22],[43,50]]
    let a: [Float] = [1, 2, 3, 4]
    let b: [Float] = [5, 6, 7, 8]
    var c = [Float](repeating: 0, count: 4)
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1, a, 2, b, 2, 0, &c, 2)
    #expect(c == [19, 22, 43, 50])
}

@Test func libxml2ParsesWellFormedAndRejectsMalformed() {
    let good = "<html><body><svg width=\"1\"/></body></html>"
    let bad = "<html><body></html>"
    let goodDoc = good.withCString { xmlReadMemory($0, Int32(good.utf8.count), nil, nil, Int32(XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)) }
    let badDoc = bad.withCString { xmlReadMemory($0, Int32(bad.utf8.count), nil, nil, Int32(XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)) }
    #expect(goodDoc != nil)
    #expect(badDoc == nil)
    xmlFreeDoc(goodDoc)
}
