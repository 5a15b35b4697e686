package dev.tickcast.server.internal.http;

import io.vertx.ext.web.RoutingContext;

/** What a request's headers say about its body, read before the body is (matchmaking, the HTTP carrier). */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The media type of {@code contentType} (parameters such as a charset aside) is application/json. */
    static boolean isJson(String contentType) {
        return hasMediaType(contentType, "application/json");
    }

    /** The media type of {@code contentType} (parameters such as a charset aside) is {@code mediaType}. */
    public static boolean hasMediaType(String contentType, String mediaType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().equalsIgnoreCase(mediaType);
    }

    /** The request has a body: a Content-Length above 0, or a Transfer-Encoding. */
    public static boolean announcesBody(RoutingContext ctx) {
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
