package dev.tickcast.server.internal.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /docs/api/}: the javadoc of the public packages, built into the server jar under
 * {@code META-INF/tickcast/docs/apidocs} (server/pom.xml, execution {@code served-api-docs}). A build
 * that skipped javadoc answers 404 there, like any missing file.
 */
public final class ApiDocs {
    /** The path the reference is served at. */
    public static final String PATH = "/docs/api/";
    private static final String ROOT = "META-INF/tickcast/docs/apidocs";
    /** The pages only change with the server's version: a browser keeps them an hour. */
    private static final long MAX_AGE_SECONDS = 3600;
    /**
     * Javadoc's pages run inline scripts and {@code on...} handlers (tabs, search) that the server-wide
     * policy forbids; they are generated at build time and carry nothing a client sent, so this policy
     * allows inline scripts for them alone, and nothing else beyond the site's own files.
     */
    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private ApiDocs() {
    }

    /** Adds the routes at {@code order}: the pages under {@link #PATH}, and {@code /docs/api} redirected there. */
    public static void mount(Router router, int order) {
        router.get("/docs/api*").order(order).handler(ApiDocs::headers);
        router.get(PATH + "*").order(order).handler(StaticHandler.create(ROOT).setCachingEnabled(true)
                .setMaxAgeSeconds(MAX_AGE_SECONDS).setDefaultContentEncoding("UTF-8"));
    }

    private static void headers(RoutingContext ctx) {
        if ("/docs/api".equals(ctx.request().path())) {
            ctx.redirect(PATH);   // the pages link relative to the folder
            return;
        }
        // replaces the server-wide policy (HttpFront), which this route relaxes; nosniff stays from HttpFront
        ctx.response().putHeader("Content-Security-Policy", CSP);
        ctx.next();
    }
}
