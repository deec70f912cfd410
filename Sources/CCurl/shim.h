#ifndef PROMPTGATE_CCURL_SHIM_H
#define PROMPTGATE_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic and
   cannot be called from Swift: typed wrappers, one per argument kind. */
static inline CURLcode pg_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_write_callback(CURL *h, size_t (*cb)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, cb); }
static inline CURLcode pg_easy_setopt_header_callback(CURL *h, size_t (*cb)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, cb); }
static inline CURLcode pg_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pg_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pg_easy_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pg_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLMcode pg_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode pg_multi_setopt_pointer(CURLM *m, CURLMoption o, void *v) { return curl_multi_setopt(m, o, v); }
typedef int (*pg_socket_callback)(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp);
typedef int (*pg_timer_callback)(CURLM *multi, long timeout_ms, void *userp);
static inline CURLMcode pg_multi_setopt_socket_callback(CURLM *m, pg_socket_callback cb) { return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, cb); }
static inline CURLMcode pg_multi_setopt_timer_callback(CURLM *m, pg_timer_callback cb) { return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, cb); }

/* epoll and eventfd for the multi-socket loop. `struct epoll_event` is packed on x86-64,
   so it stays on this side: ready sockets come back as parallel arrays. */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <errno.h>
static inline int pg_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }
static inline int pg_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }
/* Watches `fd` for reading and/or writing (adding it when new); `read`=`write`=0 removes it. */
static inline int pg_epoll_watch(int ep, int fd, int read, int write) {
    if (!read && !write) return epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    struct epoll_event ev = { .events = (read ? EPOLLIN : 0) | (write ? EPOLLOUT : 0) };
    ev.data.fd = fd;
    if (epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev) == 0) return 0;
    if (errno != ENOENT) return -1;
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}
/* Waits like epoll_wait; fills fds[i] and libcurl's CURL_CSELECT_* bits[i]. */
static inline int pg_epoll_wait(int ep, int *fds, int *bits, int max, int timeout_ms) {
    struct epoll_event events[128];
    if (max > 128) max = 128;
    int n = epoll_wait(ep, events, max, timeout_ms);
    for (int i = 0; i < n; i++) {
        fds[i] = events[i].data.fd;
        bits[i] = ((events[i].events & EPOLLIN) ? CURL_CSELECT_IN : 0)
            | ((events[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0)
            | ((events[i].events & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
    }
    return n;
}
#endif
