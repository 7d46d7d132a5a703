package dev.jit.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jit.core.json.Json;
import dev.jit.server.webhooks.Webhooks;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * {@code /api/webhooks}: list, add and delete endpoints, and read an endpoint's delivery log. Every route needs
 * the bearer token, reads included (they show where events go), so without a configured token all are 403,
 * as writes are; no answer ever carries a secret.
 */
public final class WebhookHandlers {
    static final int MAX_DELIVERIES = 100;

    private final Webhooks webhooks;

    public WebhookHandlers(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    public List<Route> routes() {
        return List.of(
                Route.write(HandlerType.GET, "/api/webhooks", "Webhook endpoints with their cursors and counts", 200,
                        null, "WebhookList", List.of(), List.of(), this::list),
                Route.write(HandlerType.POST, "/api/webhooks", "Add a webhook endpoint (it receives events appended "
                        + "from now on)", 201, "NewWebhook", "Webhook", List.of(), List.of(400, 409), this::create),
                Route.write(HandlerType.DELETE, "/api/webhooks/{id}", "Delete a webhook endpoint made through the API",
                        200, null, "WebhookDeletion", List.of(), List.of(404, 409), this::delete),
                Route.write(HandlerType.GET, "/api/webhooks/{id}/deliveries", "An endpoint's last delivery attempts, "
                        + "newest first", 200, null, "WebhookDeliveries", List.of("limit"), List.of(400, 404),
                        this::deliveries));
    }

    private void list(Context ctx) {
        ObjectNode body = Json.object();
        webhooks.list().forEach(body.putArray("webhooks")::add);
        Responses.json(ctx, body);
    }

    private void create(Context ctx) {
        ObjectNode created = webhooks.create(JsonBody.read(ctx, ObjectNode.class));
        ctx.header("Location", "/api/webhooks/" + created.path("id").asText());
        Responses.json(ctx, 201, created);
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        webhooks.delete(id);
        ObjectNode body = Json.object();
        body.put("deleted", id);
        Responses.json(ctx, body);
    }

    private void deliveries(Context ctx) {
        int limit = Params.intParam(ctx, "limit", MAX_DELIVERIES, 1, MAX_DELIVERIES);
        String id = ctx.pathParam("id");
        ObjectNode body = Json.object();
        body.put("endpoint_id", id);
        body.set("deliveries", webhooks.deliveries(id, limit));
        Responses.json(ctx, body);
    }
}
