package org.enverify.platform.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls to third parties (key servers, the app feed, our own APIs from the self-test), each bounded
 * in time (the whole exchange, body included) and in the size of the answer. A failure is an
 * {@link OutboundHttpException} whose message names the call and the reason, fit for an operator.
 */
public final class OutboundHttp implements AutoCloseable {

    /** Redirects a guarded client follows for one call. */
    static final int MAX_REDIRECTS = 5;

    /**
     * Built at the first call: building one sets up TLS, which a process that never calls out, such as a CLI
     * command whose feature holds a client, should not wait for.
     */
    private volatile HttpClient client;

    private final HttpClient.Redirect redirects;
    private final Duration timeout;
    private final long maxBytes;
    private final OutboundUrls guard;

    public OutboundHttp(Duration timeout, long maxBytes) {
        this(timeout, maxBytes, true);
    }

    /** @param followRedirects false for URLs that realm administrators chose, which must not lead elsewhere */
    public OutboundHttp(Duration timeout, long maxBytes, boolean followRedirects) {
        this(timeout, maxBytes, followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER, null);
    }

    /**
     * A client for URLs that operators or realm administrators chose: the URL of every call and of every
     * redirect it follows must pass {@code guard} first, so no hop leads into the server's own network.
     */
    public OutboundHttp(Duration timeout, long maxBytes, OutboundUrls guard) {
        this(timeout, maxBytes, HttpClient.Redirect.NEVER, guard);
    }

    private OutboundHttp(Duration timeout, long maxBytes, HttpClient.Redirect redirects, OutboundUrls guard) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.guard = guard;
        this.redirects = redirects;
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .followRedirects(redirects)
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    client = built;
                }
            }
        }
        return built;
    }

    /** An answer of any status; the body is at most the configured size. */
    public record Response(int status, byte[] body, Optional<String> location) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Response get(URI uri, Map<String, String> headers) {
        return guarded(uri, "GET", headers, null);
    }

    public Response post(URI uri, Map<String, String> headers, byte[] body) {
        return guarded(uri, "POST", headers, body);
    }

    /** Without a guard, one exchange; with one, every hop checked, following redirects as browsers do. */
    private Response guarded(URI uri, String method, Map<String, String> headers, byte[] body) {
        if (guard == null) {
            return send(uri, method, headers, body);
        }
        URI hop = uri;
        String hopMethod = method;
        byte[] hopBody = body;
        for (int redirects = 0; ; redirects++) {
            try {
                guard.check(hop);
            } catch (IllegalArgumentException refused) {
                throw new OutboundHttpException(
                        hopMethod + " " + describe(hop) + ": refused, the URL " + refused.getMessage());
            }
            Response response = send(hop, hopMethod, headers, hopBody);
            Optional<String> location = response.location();
            if (response.status() < 300 || response.status() > 308 || location.isEmpty()) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new OutboundHttpException(
                        method + " " + describe(uri) + ": more than " + MAX_REDIRECTS + " redirects");
            }
            hop = hop.resolve(location.get());
            if (response.status() != 307 && response.status() != 308) {
                hopMethod = "GET";
                hopBody = null;
            }
        }
    }

    private Response send(URI uri, String method, Map<String, String> headers, byte[] content) {
        HttpRequest.BodyPublisher body =
                content == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(content);
        String call = method + " " + describe(uri);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).method(method, body).timeout(timeout);
        headers.forEach(request::header);
        AtomicBoolean tooLarge = new AtomicBoolean();
        CompletableFuture<HttpResponse<byte[]>> exchange = client().sendAsync(
                        request.build(),
                        info -> new LimitedBody(
                                maxBytes,
                                info.headers()
                                                .firstValueAsLong("Content-Length")
                                                .orElse(-1)
                                        > maxBytes,
                                tooLarge));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(
                    response.statusCode(), response.body(), response.headers().firstValue("Location"));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new OutboundHttpException(call + ": no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new OutboundHttpException(call + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (tooLarge.get()) {
                throw new OutboundHttpException(call + ": the answer is larger than " + maxBytes + " bytes");
            }
            // the request's own timeout and the wait for the whole answer expire together; either way it is one failure
            if (cause instanceof HttpTimeoutException) {
                throw new OutboundHttpException(call + ": no complete answer within " + timeout.toMillis() + " ms");
            }
            throw new OutboundHttpException(
                    call + ": " + (cause instanceof IOException ? "cannot connect or read" : "failed") + " ("
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")");
        }
    }

    /** Scheme, host and path: never the query, which may carry a token. */
    public static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public void close() {
        HttpClient built = client;
        if (built != null) {
            built.close();
        }
    }

    /** Collects the body and gives up, cancelling the download, once it passes the limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long maxBytes;
        private final boolean declaredTooLarge;
        private final AtomicBoolean tooLarge;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        LimitedBody(long maxBytes, boolean declaredTooLarge, AtomicBoolean tooLarge) {
            this.maxBytes = maxBytes;
            this.declaredTooLarge = declaredTooLarge;
            this.tooLarge = tooLarge;
        }

        private void giveUp() {
            tooLarge.set(true);
            subscription.cancel();
            result.completeExceptionally(new IOException("the answer is too large"));
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredTooLarge) {
                giveUp();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + (long) item.remaining() > maxBytes) {
                    giveUp();
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                buffer.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
