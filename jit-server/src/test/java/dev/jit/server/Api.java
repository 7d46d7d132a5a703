package dev.jit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.jit.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny java.net.http client for one running server. */
final class Api {
    static final String TOKEN = "test-token-0123456789";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Resp(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return body.isEmpty() ? MissingNode.getInstance() : Json.parse(body);
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    }

    Resp send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Resp get(String path) {
        return send(request(path).GET().build());
    }

    /** A write with the test token and a JSON body (null = no body). */
    Resp write(String method, String path, String json) {
        return send(authorized(request(path), method, json).build());
    }

    HttpRequest.Builder authorized(HttpRequest.Builder b, String method, String json) {
        b.header("Authorization", "Bearer " + TOKEN);
        if (json == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    Resp post(String path, String json) {
        return write("POST", path, json);
    }

    Resp patch(String path, String json) {
        return write("PATCH", path, json);
    }

    Resp delete(String path) {
        return write("DELETE", path, null);
    }

    /** Creates an issue through the API and returns its id. */
    String create(String title, String extraJsonFields) {
        Resp r = post("/api/issues", "{\"title\":" + Json.compact(title)
                + (extraJsonFields == null ? "" : "," + extraJsonFields) + "}");
        if (r.status() != 201) {
            throw new AssertionError("create failed: " + r.status() + " " + r.body());
        }
        return r.json().path("id").asText();
    }
}
