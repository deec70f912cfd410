/// yaml-test-suite cases where libyaml 0.2.5 (a YAML 1.1 parser) differs from the suite.
/// ConformanceTests fails when a case outside this list differs, or a listed case passes.
let knownDifferences: Set<String> = [
    "2JQS",  // rejects valid: did not find expected key while parsing a block mapping
    "2LFX",  // rejects reserved or newer directives
    "2SXE",  // rejects valid: mapping values are not allowed in this context
    "4ABK",  // rejects valid: found unexpected ':' while scanning a plain scalar
    "4MUZ/00",  // rejects valid: did not find expected ',' or '}' while parsing a flow ma
    "4MUZ/01",  // rejects valid: did not find expected ',' or '}' while parsing a flow ma
    "4MUZ/02",  // rejects valid: did not find expected ',' or '}' while parsing a flow ma
    "58MP",  // rejects valid: did not find expected node content while parsing a flow node
    "5MUD",  // rejects valid: did not find expected ',' or '}' while parsing a flow ma
    "5T43",  // rejects valid: did not find expected node content while parsing a flow node
    "652Z",  // different data: got {'bar': 42.0, 'foo': 'bar'}, expected {'?foo': 'bar', '
    "6BCT",  // rejects tabs YAML 1.2 allows
    "6CA3",  // rejects tabs YAML 1.2 allows
    "6LVF",  // rejects reserved or newer directives
    "6M2F",  // rejects valid: did not find expected key while parsing a block mapping
    "7Z25",  // rejects valid: did not find expected <document start>
    "8XYN",  // rejects valid: did not find expected alphabetic or numeric character while
    "96NN/00",  // rejects tabs YAML 1.2 allows
    "96NN/01",  // rejects tabs YAML 1.2 allows
    "9C9N",  // accepts invalid input
    "9HCY",  // accepts invalid input
    "9JBA",  // accepts invalid input
    "9SA2",  // rejects valid: did not find expected ',' or '}' while parsing a flow ma
    "A2M4",  // rejects tabs YAML 1.2 allows
    "BEC7",  // rejects reserved or newer directives
    "CFD4",  // rejects valid: did not find expected node content while parsing a flow node
    "CVW2",  // accepts invalid input
    "DBG4",  // rejects valid: did not find expected node content while parsing a flow node
    "DK3J",  // rejects valid: did not find expected <document start>
    "DK95/00",  // rejects tabs YAML 1.2 allows
    "DK95/01",  // accepts invalid input
    "DK95/03",  // rejects tabs YAML 1.2 allows
    "DK95/04",  // rejects tabs YAML 1.2 allows
    "EB22",  // accepts invalid input
    "FP8R",  // rejects valid: did not find expected <document start>
    "FRK4",  // rejects valid: found unexpected ':' while scanning a plain scalar
    "G5U8",  // accepts invalid input
    "HM87/00",  // rejects valid: did not find expected node content while parsing a flow node
    "HM87/01",  // different data: got [{'x': null}], expected ['?x']
    "HWV9",  // rejects valid: did not find expected node content while parsing a block nod
    "JEF9/02",  // different data: got [''], expected ['\\n']
    "K3WX",  // rejects valid: did not find expected ',' or '}' while parsing a flow ma
    "L24T/01",  // different data: got {'foo': 'x\\n '}, expected {'foo': 'x\\n \\n'}
    "M2N8/00",  // rejects valid: did not find expected key while parsing a block mapping
    "M7A3",  // rejects valid: did not find expected <document start>
    "MUS6/00",  // accepts invalid input
    "MUS6/01",  // accepts invalid input
    "MUS6/05",  // rejects reserved or newer directives
    "MUS6/06",  // rejects reserved or newer directives
    "NHX8",  // rejects valid: did not find expected key while parsing a block mapping
    "NJ66",  // rejects valid: did not find expected ',' or '}' while parsing a flow ma
    "NKF9",  // rejects valid: did not find expected key while parsing a block mapping
    "Q5MG",  // rejects tabs YAML 1.2 allows
    "QB6E",  // accepts invalid input
    "QT73",  // rejects valid: did not find expected node content while parsing a block nod
    "R4YG",  // rejects tabs YAML 1.2 allows
    "RHX7",  // accepts invalid input
    "S3PD",  // rejects valid: did not find expected key while parsing a block mapping
    "S98Z",  // accepts invalid input
    "SM9W/01",  // rejects valid: did not find expected key while parsing a block mapping
    "SU5Z",  // accepts invalid input
    "UKK6/00",  // rejects valid: did not find expected key while parsing a block mapping
    "UT92",  // rejects valid: did not find expected ',' or '}' while parsing a flow ma
    "VJP3/01",  // rejects valid: did not find expected ',' or '}' while parsing a flow ma
    "W4TN",  // rejects reserved or newer directives
    "W5VH",  // rejects valid: did not find expected alphabetic or numeric character while
    "X4QW",  // accepts invalid input
    "Y2GN",  // different data: got {'key': ':chor value'}, expected {'key': 'value'}
    "Y79Y/001",  // rejects tabs YAML 1.2 allows
    "Y79Y/003",  // accepts invalid input
    "Y79Y/010",  // rejects tabs YAML 1.2 allows
    "YJV2",  // accepts invalid input
]
