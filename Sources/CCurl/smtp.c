#include "showroom_curl.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

int showroom_curl_global_init(void) {
    return (int)curl_global_init(CURL_GLOBAL_DEFAULT);
}

typedef struct {
    const unsigned char *data;
    size_t length;
    size_t offset;
} upload_state;

static size_t read_message(char *buffer, size_t size, size_t count, void *userdata) {
    upload_state *u = (upload_state *)userdata;
    size_t room = size * count;
    size_t left = u->length - u->offset;
    size_t n = left < room ? left : room;
    if (n > 0) {
        memcpy(buffer, u->data + u->offset, n);
        u->offset += n;
    }
    return n;
}

/* Keeps the server's last reply line (what a 4xx or 5xx said, or the 250 for the message). */
static int debug_trace(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata) {
    (void)handle;
    if (type != CURLINFO_HEADER_IN) return 0;
    showroom_smtp_result *out = (showroom_smtp_result *)userdata;
    /* The answer to QUIT says nothing about the message: keep the reply before it. */
    if (size >= 3 && memcmp(data, "221", 3) == 0) return 0;
    size_t n = size < sizeof(out->reply) - 1 ? size : sizeof(out->reply) - 1;
    while (n > 0 && (data[n - 1] == '\r' || data[n - 1] == '\n')) n--;
    memcpy(out->reply, data, n);
    out->reply[n] = 0;
    return 0;
}

int showroom_smtp_send(const showroom_smtp_request *r, showroom_smtp_result *out) {
    memset(out, 0, sizeof(*out));
    CURL *curl = curl_easy_init();
    if (!curl) {
        out->curl_code = CURLE_FAILED_INIT;
        out->connect_failed = 1;
        snprintf(out->error, sizeof(out->error), "curl_easy_init failed");
        return out->curl_code;
    }
    char url[600];
    snprintf(url, sizeof(url), "%s://%s:%ld", r->security == SHOWROOM_SMTP_TLS ? "smtps" : "smtp", r->host, r->port);
    struct curl_slist *rcpt = NULL;
    for (int i = 0; i < r->recipient_count; i++) rcpt = curl_slist_append(rcpt, r->recipients[i]);
    upload_state upload = { r->message, r->message_length, 0 };
    char errbuf[CURL_ERROR_SIZE];
    errbuf[0] = 0;

    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (r->security == SHOWROOM_SMTP_STARTTLS) curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    if (r->username && r->username[0]) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, r->username);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, r->password ? r->password : "");
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, r->mail_from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)r->message_length);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, r->connect_timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, r->timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, debug_trace);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, out);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);

    CURLcode code = curl_easy_perform(curl);
    out->curl_code = (int)code;
    long response = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    out->response_code = response;
    out->connect_failed = (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
                           code == CURLE_OPERATION_TIMEDOUT || code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR ||
                           code == CURLE_GOT_NOTHING || code == CURLE_SSL_CONNECT_ERROR) && response == 0;
    snprintf(out->error, sizeof(out->error), "%s", errbuf[0] ? errbuf : curl_easy_strerror(code));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    return out->curl_code;
}
