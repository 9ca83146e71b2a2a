#ifndef SHOWROOM_CURL_H
#define SHOWROOM_CURL_H

#include <stddef.h>

/// libcurl's SMTP client behind one typed call: curl_easy_setopt and curl_easy_getinfo are C
/// variadic functions, which Swift cannot call, so the whole exchange is set up here.

/// Call once at start-up, before any thread uses curl. Returns 0 on success.
int showroom_curl_global_init(void);

enum showroom_smtp_security {
    SHOWROOM_SMTP_PLAIN = 0,     /* no TLS (a local relay or test sink) */
    SHOWROOM_SMTP_STARTTLS = 1,  /* smtp:// upgraded with STARTTLS, required */
    SHOWROOM_SMTP_TLS = 2        /* smtps://, TLS from the first byte */
};

typedef struct {
    const char *host;
    long port;
    int security;                 /* enum showroom_smtp_security */
    const char *username;         /* NULL or "" for no AUTH */
    const char *password;
    const char *mail_from;        /* envelope sender, bare address */
    const char *const *recipients;
    int recipient_count;
    const unsigned char *message; /* the whole RFC 5322 message, CRLF line ends */
    size_t message_length;
    long connect_timeout_seconds;
    long timeout_seconds;
} showroom_smtp_request;

typedef struct {
    int curl_code;          /* CURLcode: 0 when the server accepted the message */
    long response_code;     /* the last SMTP reply code (0 when none came) */
    int connect_failed;     /* 1 when no SMTP conversation took place (refused, DNS, timeout) */
    char reply[512];        /* the server's last reply line, without CRLF */
    char error[512];        /* curl's own error text */
} showroom_smtp_result;

/// Sends one message over SMTP. Always fills `out`; returns out->curl_code.
int showroom_smtp_send(const showroom_smtp_request *request, showroom_smtp_result *out);

#endif
