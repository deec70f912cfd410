internal import CCurl

/// One request in flight: owns its curl easy handle, header list and buffers.
/// Lives on the event-loop thread only; curl callbacks reach it through an
/// unretained pointer while the loop keeps it alive in its table.
final class Transfer {
    let job: CurlJob
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private(set) var body: [UInt8] = []
    private(set) var headers: [HTTPHeader] = []
    /// Set when the write callback refused data because of `maxResponseBytes`.
    private(set) var exceededLimit = false

    init(job: CurlJob) throws(HTTPClientError) {
        guard let easy = curl_easy_init() else {
            throw .transport(code: -1, message: "curl_easy_init failed")
        }
        self.job = job
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure()
    }

    deinit {
        // The loop removes the handle from the multi before dropping the transfer.
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// libcurl's human-readable message for the last failure, if any.
    var errorMessage: String {
        String(cString: errorBuffer)
    }

    private func configure() throws(HTTPClientError) {
        let request = job.request
        let lowered = request.url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"),
            !request.url.utf8.contains(where: { $0 <= 0x20 })
        else { throw .invalidURL(request.url) }

        let context = Unmanaged.passUnretained(self).toOpaque()
        var ok = true
        func set(_ code: CURLcode) { ok = ok && code == CURLE_OK }
        set(pg_easy_setopt_string(easy, CURLOPT_URL, request.url))
        set(pg_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(pg_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        set(pg_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout)))
        set(
            pg_easy_setopt_long(
                easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout)))
        if request.maxResponseBytes > 0 {
            // Rejects early when Content-Length is known; the write callback covers the rest.
            set(
                pg_easy_setopt_off_t(
                    easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxResponseBytes)))
        }
        set(pg_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""))
        set(pg_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        set(pg_easy_setopt_pointer(easy, CURLOPT_PRIVATE, context))
        set(pg_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        set(pg_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        set(
            pg_easy_setopt_write_callback(easy) { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveBody(data, size * count)
            })
        set(
            pg_easy_setopt_header_callback(easy) { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveHeader(data, size * count)
            })
        try setMethodAndBody(&ok)
        try setHeaders(&ok)
        guard ok else { throw .transport(code: -1, message: "could not configure the request") }
    }

    private func setMethodAndBody(_ ok: inout Bool) throws(HTTPClientError) {
        let request = job.request
        let method = request.method.uppercased()
        guard !method.isEmpty, method.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .transport(code: -1, message: "invalid HTTP method '\(request.method)'")
        }
        if let body = request.body {
            // COPYPOSTFIELDS copies the bytes, so the Swift array need not outlive this call.
            ok =
                ok
                && pg_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                    == CURLE_OK
            let code = body.withUnsafeBytes { raw in
                pg_easy_setopt_pointer(
                    easy, CURLOPT_COPYPOSTFIELDS,
                    UnsafeMutableRawPointer(
                        mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)))
            }
            ok = ok && code == CURLE_OK
        }
        switch method {
        case "GET" where request.body == nil:
            ok = ok && pg_easy_setopt_long(easy, CURLOPT_HTTPGET, 1) == CURLE_OK
        case "POST" where request.body != nil:
            break
        case "HEAD" where request.body == nil:
            ok = ok && pg_easy_setopt_long(easy, CURLOPT_NOBODY, 1) == CURLE_OK
        default:
            ok = ok && pg_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method) == CURLE_OK
        }
    }

    private func setHeaders(_ ok: inout Bool) throws(HTTPClientError) {
        // An empty "Expect:" stops curl from waiting for `100 Continue` on large bodies.
        var lines = ["Expect:"]
        for header in job.request.headers {
            let name = header.name
            guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3A }),
                !header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 })
            else {
                // The value may be a secret: name only the field.
                throw .transport(code: -1, message: "invalid header field '\(name)'")
            }
            // "Name;" is curl's spelling for a header with an empty value.
            lines.append(header.value.isEmpty ? "\(name);" : "\(name): \(header.value)")
        }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw .transport(code: -1, message: "out of memory building headers")
            }
            headerList = appended
        }
        ok = ok && pg_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList) == CURLE_OK
    }

    /// The most a body's announced length reserves ahead of its bytes.
    static let reserveCap = 64 << 20

    private func receiveBody(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        let limit = job.request.maxResponseBytes
        if limit > 0, body.count + count > limit {
            exceededLimit = true
            return 0  // Makes curl abort the transfer with CURLE_WRITE_ERROR.
        }
        if body.isEmpty {
            // A body of known length is received into one allocation, not grown by doubling
            // (a 5 MB reply would otherwise pass through 4 and 8 MB buffers at once). The
            // length is the server's word: at most `reserveCap` is taken on it.
            var length: curl_off_t = -1
            if pg_easy_getinfo_off_t(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK,
                length > count, limit <= 0 || length <= limit
            {
                body.reserveCapacity(Int(min(length, curl_off_t(Self.reserveCap))))
            }
        }
        body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }

    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        let line = String(
            decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()  // A new (possibly final) response after 1xx or a retry.
        } else if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
            headers[headers.count - 1].value += " " + Self.trimmed(line)  // Obsolete folding.
        } else if let colon = line.firstIndex(of: ":") {
            let name = Self.trimmed(line[..<colon])
            let value = Self.trimmed(line[line.index(after: colon)...])
            headers.append(HTTPHeader(name: name, value: value))
        }
        return count
    }

    private static func trimmed(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
            let end = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[start...end])
    }

    private static func trimmed(_ text: String) -> String {
        trimmed(text[...])
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }  // 0 = no limit for curl.
        return Int(min(max((seconds * 1000).rounded(.up), 1), Double(Int32.max)))
    }
}
