internal import CCurl

/// Owns the curl multi handle that all of a client's transfers share, so its
/// connection cache gives keep-alive reuse across requests.
final class CurlMulti {
    let handle: UnsafeMutableRawPointer
    /// What the socket and timer callbacks point at: released only after
    /// `curl_multi_cleanup`, which still calls them.
    var callbackTarget: AnyObject?

    init?(maxConnections: Int) {
        guard CurlGlobal.initialized, let handle = curl_multi_init() else { return nil }
        self.handle = handle
        let limit = max(1, maxConnections)
        _ = pg_multi_setopt_long(handle, CURLMOPT_MAX_HOST_CONNECTIONS, limit)
        _ = pg_multi_setopt_long(handle, CURLMOPT_MAX_TOTAL_CONNECTIONS, limit)
        // Keep as many idle connections cached as may be open, so bursts reuse them.
        _ = pg_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, limit)
    }

    deinit {
        curl_multi_cleanup(handle)
    }
}

/// `curl_global_init` must run once per process before any other curl call.
enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
