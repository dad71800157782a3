package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Submits the job to an Apache Livy server as a batch ({@code POST /batches}) and follows it: its state and
 * application id ({@code GET /batches/{id}}), its log ({@code GET /batches/{id}/log}), whose record lines become
 * progress; cancel is {@code DELETE /batches/{id}}. Transient errors while following (connection refused, timeouts, 5xx,
 * 429) are retried with backoff; after {@link #DEFAULT_MAX_FAILED_POLLS} failed polls in a row the job is reported
 * FAILED with "lost contact" (the batch may still run on the cluster).
 *
 * <p>Livy keeps only the last lines of a batch's log ({@code livy.cache-log.size}, 200 by default), so reading by
 * offset alone would stall once the log is full: each poll reads from a little before the last offset and delivers
 * what follows the lines it already delivered.
 *
 * <p>Credentials, if any, travel in the batch's {@code conf}: Livy keeps them in its memory for the batch's life and
 * hands them to spark-submit on the Livy host, where Spark redacts them in its UI and logs ({@link JobConf}). A cluster
 * role (EC2 instance profile, ECS RAM role) is preferred: then nothing secret leaves this machine. In YARN cluster mode
 * Livy's log holds the spark-submit client's lines, not the driver's, so progress may not be visible; states are.
 */
public final class LivyLauncher implements JobLauncher {
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_FAILED_POLLS = 30;
    /** How many delivered lines are remembered to find the new ones in Livy's log window. */
    static final int OVERLAP = 32;

    private static final int LOG_PAGE = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterProfile.Livy profile;
    private final Duration poll;
    private final Duration requestTimeout;
    private final int maxFailedPolls;
    private final HttpClient http;
    private final RetryPolicy<Object> retry;

    public LivyLauncher(ClusterProfile.Livy profile) {
        this(profile, DEFAULT_POLL, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_FAILED_POLLS);
    }

    LivyLauncher(ClusterProfile.Livy profile, Duration poll, Duration requestTimeout, int maxFailedPolls) {
        this.profile = requireNonNull(profile, "profile is null");
        this.poll = requireNonNull(poll, "poll is null");
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
        this.maxFailedPolls = maxFailedPolls;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.retry = RetryPolicy.builder()
                .handle(IOException.class, TransientLivyException.class)
                .abortOn(InterruptedException.class)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(3))
                .withJitter(0.25)
                .withMaxRetries(3)
                .build();
    }

    static Optional<String> unavailable(ClusterProfile.Livy profile) {
        return Optional.empty();
    }

    @Override
    public JobHandle submit(JobSubmission submission, JobListener listener) {
        requireNonNull(submission, "submission is null");
        requireNonNull(listener, "listener is null");
        String file;
        if (profile.jobJar().isPresent()) {
            file = profile.jobJar().get();
        } else {
            if (!Files.isRegularFile(submission.jobJar())) {
                throw new JobException("the Spark job jar " + submission.jobJar() + " does not exist");
            }
            file = submission.jobJar().toAbsolutePath().toUri().toString();
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("file", file);
        body.put("className", submission.mainClass());
        JobCommand.appArgs(submission).forEach(body.putArray("args")::add);
        ObjectNode conf = body.putObject("conf");
        JobCommand.sparkConf(profile, submission).forEach(conf::put);
        submission.credentials().toSparkConf().forEach(conf::put);
        body.put("name", submission.appName());
        profile.proxyUser().ifPresent(u -> body.put("proxyUser", u));

        JsonNode created;
        try {
            created = send(request("/batches")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build());
        } catch (LivyException e) {
            throw new JobException("Livy at " + profile.url() + " did not accept the batch: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EndpointUnreachableException("Livy", profile.url(), describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobException("interrupted while submitting to Livy at " + profile.url(), e);
        }
        if (!created.path("id").canConvertToLong()) {
            throw new JobException("Livy at " + profile.url() + " answered without a batch id: " + created);
        }
        long id = created.path("id").asLong();

        JobTracker tracker = new JobTracker(submission.runId(), listener, JobCommand.secretValues(submission));
        tracker.logLine(
                "lakeport: submitted run " + submission.runId() + " to Livy at " + profile.url() + " as batch " + id);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakeport-livy-" + submission.runId());
            t.setDaemon(true);
            return t;
        });
        tracker.onEnd(timer::shutdown);
        Follower follower = new Follower(id, tracker);
        follower.apply(created);
        timer.scheduleWithFixedDelay(follower::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        tracker.onCancel(() -> JobCommand.later(timer, follower::cancel, Duration.ZERO));
        return tracker;
    }

    /** Follows one batch; runs on its own timer thread only. */
    private final class Follower {
        private final long id;
        private final JobTracker tracker;
        private final Deque<String> delivered = new ArrayDeque<>();
        private long offset;
        private int failedPolls;
        private boolean ended;

        Follower(long id, JobTracker tracker) {
            this.id = id;
            this.tracker = tracker;
        }

        void poll() {
            if (ended) {
                return;
            }
            try {
                JsonNode batch = withRetries("/batches/" + id);
                readLog();
                failedPolls = 0;
                apply(batch);
            } catch (LivyException e) {
                if (e.status == 404) {
                    end(
                            tracker.cancelRequested() ? JobState.KILLED : JobState.FAILED,
                            Optional.of("batch " + id + " no longer exists on the Livy server at " + profile.url()));
                } else {
                    failed(e.getMessage());
                }
            } catch (IOException e) {
                failed(describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failed(e.toString());
            }
        }

        void apply(JsonNode batch) {
            String appId = batch.path("appId").asText(null);
            if (appId != null && !appId.isEmpty() && !"null".equals(appId)) {
                tracker.applicationId(appId);
            }
            String state = batch.path("state").asText("");
            switch (state) {
                case "not_started", "starting", "recovering" -> tracker.state(JobState.SUBMITTED);
                case "running", "idle", "busy", "shutting_down" -> tracker.state(JobState.RUNNING);
                case "success" -> end(JobState.FINISHED, Optional.empty());
                case "dead", "error" -> end(
                        JobState.FAILED,
                        Optional.of("Livy batch " + id + " ended in state '" + state + "'; see the log"));
                case "killed" -> end(JobState.KILLED, Optional.of("Livy batch " + id + " was killed"));
                default -> {}
            }
        }

        void cancel() {
            try {
                send(request("/batches/" + id).DELETE().build());
                tracker.logLine("lakeport: asked Livy to kill batch " + id);
            } catch (LivyException e) {
                if (e.status != 404) {
                    tracker.logLine("lakeport: Livy did not kill batch " + id + ": " + e.getMessage());
                }
            } catch (IOException e) {
                tracker.logLine("lakeport: could not reach Livy to kill batch " + id + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poll();
        }

        private void end(JobState state, Optional<String> reason) {
            if (ended) {
                return;
            }
            try {
                readLog();
            } catch (IOException | RuntimeException e) {
                tracker.logLine("lakeport: could not read the end of the log of batch " + id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended = true;
            tracker.ended(state, reason, true);
        }

        private void failed(String message) {
            failedPolls++;
            if (failedPolls == 1) {
                tracker.logLine("lakeport: could not reach Livy at " + profile.url() + ": " + message + "; retrying");
            }
            if (failedPolls >= maxFailedPolls) {
                ended = true;
                tracker.ended(
                        JobState.FAILED,
                        Optional.of("lost contact with Livy at " + profile.url() + " (" + message + "); batch " + id
                                + " may still be running there"),
                        true);
            }
        }

        /** Delivers the log lines Livy has that were not delivered yet. */
        private void readLog() throws IOException, InterruptedException {
            while (true) {
                long from = Math.max(0, offset - delivered.size());
                List<String> window = logWindow(from);
                int skip = newLinesStart(delivered, window);
                if (skip < 0 && from > 0) {
                    from = 0;
                    window = logWindow(0);
                    skip = newLinesStart(delivered, window);
                }
                if (skip < 0) {
                    if (!delivered.isEmpty()) {
                        tracker.logLine("lakeport: some lines of the Livy log were missed (Livy keeps only its last"
                                + " lines)");
                    }
                    skip = 0;
                }
                for (String line : window.subList(skip, window.size())) {
                    tracker.line(line);
                    delivered.addLast(line);
                    if (delivered.size() > OVERLAP) {
                        delivered.removeFirst();
                    }
                }
                offset = from + window.size();
                if (window.size() < LOG_PAGE) {
                    return;
                }
            }
        }

        private List<String> logWindow(long from) throws IOException, InterruptedException {
            JsonNode log = withRetries("/batches/" + id + "/log?from=" + from + "&size=" + LOG_PAGE);
            List<String> lines = new ArrayList<>();
            log.path("log").forEach(l -> lines.add(l.asText()));
            return lines;
        }

        private JsonNode withRetries(String path) throws IOException, InterruptedException {
            try {
                return Failsafe.with(retry).get(() -> send(request(path).GET().build()));
            } catch (FailsafeException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof InterruptedException ie) {
                    throw ie;
                }
                throw e;
            }
        }
    }

    /**
     * Where the lines not yet delivered start in {@code window}: just after the longest match of the last delivered
     * lines; 0 if nothing was delivered yet; -1 if the window holds none of them (lines were missed, or the window
     * starts too late).
     */
    static int newLinesStart(Deque<String> delivered, List<String> window) {
        if (delivered.isEmpty()) {
            return 0;
        }
        List<String> last = new ArrayList<>(delivered);
        for (int end = window.size(); end >= 1; end--) {
            int length = Math.min(end, last.size());
            boolean match = true;
            for (int i = 1; i <= length && match; i++) {
                match = window.get(end - i).equals(last.get(last.size() - i));
            }
            if (match) {
                return end;
            }
        }
        return -1;
    }

    private HttpRequest.Builder request(String path) {
        String base = profile.url().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("X-Requested-By", "lakeport")
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String text = response.body();
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        }
        String message = request.method() + " " + request.uri().getPath() + ": HTTP " + status
                + serverMessage(response.body()).map(m -> ": " + m).orElse("");
        if (status >= 500 || status == 429 || status == 408) {
            throw new TransientLivyException(status, message);
        }
        throw new LivyException(status, message);
    }

    private static Optional<String> serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : List.of("msg", "message", "error")) {
                if (node.hasNonNull(field)) {
                    return Optional.of(node.get(field).asText());
                }
            }
        } catch (IOException e) {
            // not JSON: the text itself
        }
        String text = body.strip();
        return Optional.of(text.length() > 500 ? text.substring(0, 500) + "..." : text);
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** A Livy answer that is not a success; {@code status} is its HTTP status. */
    static class LivyException extends RuntimeException {
        final int status;

        LivyException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** A 5xx, 429 or 408 answer: worth another try. */
    static final class TransientLivyException extends LivyException {
        TransientLivyException(int status, String message) {
            super(status, message);
        }
    }

    @Override
    public String toString() {
        return "LivyLauncher[" + profile.name() + " " + profile.url() + "]";
    }
}
