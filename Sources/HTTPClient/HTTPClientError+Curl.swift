internal import CCurl
import Foundation

extension HTTPClientError {
    /// Maps a failed transfer's curl result to the error callers switch on.
    init(code: CURLcode, transfer: Transfer) {
        let request = transfer.job.request
        let detail = transfer.errorMessage
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let target = Self.hostAndPort(of: request.url)
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            self = .invalidURL(request.url)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .dns("could not resolve host '\(target.host)'")
        case CURLE_COULDNT_CONNECT:
            var osError = 0
            _ = pg_easy_getinfo_long(transfer.easy, CURLINFO_OS_ERRNO, &osError)
            let what = osError == Int(ECONNREFUSED) ? "connection refused" : "could not connect"
            self = .connect("\(what) to \(target.host):\(target.port)")
        case CURLE_OPERATION_TIMEDOUT:
            // curl names the phase: "Resolving timed out", "Connection timed out/timeout".
            let connectPhase =
                message.hasPrefix("Connection time") || message.hasPrefix("Resolving timed out")
            let total = request.timeout
            let connect = total > 0 ? min(request.connectTimeout, total) : request.connectTimeout
            self = .timeout(connectPhase ? connect : total)
        case CURLE_GOT_NOTHING:
            self = .connectionClosed("empty reply from server")
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            self = .connectionClosed(message)
        case CURLE_FILESIZE_EXCEEDED:
            self = .responseTooLarge(request.maxResponseBytes)
        case CURLE_WRITE_ERROR where transfer.exceededLimit:
            self = .responseTooLarge(request.maxResponseBytes)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED, CURLE_SSL_CLIENTCERT:
            self = .tls(message)
        case CURLE_ABORTED_BY_CALLBACK:
            self = .cancelled
        default:
            self = .transport(code: Int(code.rawValue), message: message)
        }
    }

    /// Host and port for messages; never includes user info from the URL.
    private static func hostAndPort(of url: String) -> (host: String, port: Int) {
        let components = URLComponents(string: url)
        let https = url.lowercased().hasPrefix("https://")
        return (components?.host ?? url, components?.port ?? (https ? 443 : 80))
    }
}
