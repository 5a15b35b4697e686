package dev.tickcast.server.internal.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /viewer/}: the generic recording and broadcast viewer (static files under
 * {@code META-INF/tickcast/viewer}), public like the demo pages: it reads only what is public
 * anyway ({@code /recordings}, {@code /broadcasts}, {@code /games}). The server-wide security
 * headers of {@link HttpFront} apply unchanged (its own scripts and styles only, never framed);
 * the admin page imports its dots renderer from here.
 */
public final class ViewerPage {
    /** The path the viewer is served at. */
    public static final String PATH = "/viewer/";
    private static final String ROOT = "META-INF/tickcast/viewer";

    private ViewerPage() {
    }

    /** Adds the routes at {@code order}: the files under {@link #PATH}, and {@code /viewer} redirected there. */
    public static void mount(Router router, int order) {
        router.get("/viewer").order(order).handler(ctx -> {
            if ("/viewer".equals(ctx.request().path())) {
                ctx.redirect(PATH); // the page links relative to its folder
            } else {
                ctx.next();
            }
        });
        router.get(PATH + "*").order(order).handler(StaticHandler.create(ROOT).setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8"));
    }
}
