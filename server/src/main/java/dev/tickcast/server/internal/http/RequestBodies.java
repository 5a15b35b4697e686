package dev.tickcast.server.internal.http;

import io.vertx.ext.web.RoutingContext;

/** What a request's headers say about its body, read before the body is. */
final class RequestBodies {
    private RequestBodies() {
    }

    /** The media type of {@code contentType} (parameters such as a charset aside) is application/json. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().equalsIgnoreCase("application/json");
    }

    /** The request has a body: a Content-Length above 0, or a Transfer-Encoding. */
    static boolean announcesBody(RoutingContext ctx) {
        if (ctx.request().headers().contains("Transfer-Encoding")) {
            return true;
        }
        String length = ctx.request().getHeader("Content-Length");
        try {
            return length != null && Long.parseLong(length.strip()) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
