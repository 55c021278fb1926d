package cn.sanwu.client.sync.simulation;

import cn.sanwu.model.notice.Notice;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the simulation knows independently of the system under test. Every save appends a unique
 * token ({@code c<client>e<n>}) to the notice body, so an edit is "still there" exactly when its
 * token is in a body. An edit may disappear only when a person discarded a version holding it
 * (采用对方 discards mine, 保留我的 discards theirs); {@link #discarded} holds those tokens.
 */
final class SimModel {

    /** A mutation the server answered APPLIED: stored once, at this revision, with this payload. */
    record Acknowledged(UUID entityId, int revision, JsonNode payload) {
    }

    private int nextToken;
    /** Per notice, every token a save put into it. */
    final Map<UUID, Set<String>> made = new LinkedHashMap<>();
    final Set<String> discarded = new HashSet<>();
    /** Mutation id → what the server stored for it; filled in the order the server applied them. */
    final Map<UUID, Acknowledged> acknowledged = new LinkedHashMap<>();
    /** Per client, the feed seqs it received in answers it applied. */
    final Map<Integer, Set<Long>> received = new HashMap<>();
    int requests;
    int conflictAnswers;
    int duplicateAnswers;
    int decisions;
    int crashes;
    int heals;

    String newToken(int client) {
        return "c" + client + "e" + (++nextToken);
    }

    void made(UUID notice, String token) {
        made.computeIfAbsent(notice, k -> new LinkedHashSet<>()).add(token);
    }

    /** A person chose {@code kept} over {@code dropped}: the tokens only {@code dropped} held are gone on purpose. */
    void discard(Set<String> dropped, Set<String> kept) {
        for (String t : dropped) {
            if (!kept.contains(t)) {
                discarded.add(t);
            }
        }
    }

    void received(int client, long seq) {
        received.computeIfAbsent(client, k -> new TreeSet<>()).add(seq);
    }

    static Set<String> tokens(Notice n) {
        return tokens(n.content().body());
    }

    static Set<String> tokens(String body) {
        return new LinkedHashSet<>(Arrays.asList(body.strip().split("\\s+")));
    }

    /** Tokens of a notice payload as it travels ({"content": {"body": …}}). */
    static Set<String> tokens(JsonNode payload) {
        return tokens(payload.path("content").path("body").asText(""));
    }

    /** Counts over a run of many histories, for the line printed at the end. */
    static final class Totals {
        private final long started = System.nanoTime();
        private int histories;
        private long steps;
        private long requests;
        private long conflictAnswers;
        private long duplicateAnswers;
        private long decisions;
        private long crashes;
        private long wireBytes;

        void add(int historySteps, SimModel m, long historyWireBytes) {
            wireBytes += historyWireBytes;
            histories++;
            steps += historySteps;
            requests += m.requests;
            conflictAnswers += m.conflictAnswers;
            duplicateAnswers += m.duplicateAnswers;
            decisions += m.decisions;
            crashes += m.crashes;
        }

        @Override
        public String toString() {
            return String.format("%d histories, %d steps, %d requests to the server, %d CONFLICT and %d DUPLICATE"
                    + " answers, %d decisions, %d crashes, %.1f MB of JSON on the wire, %.1f s", histories, steps, requests,
                    conflictAnswers, duplicateAnswers, decisions, crashes, wireBytes / 1e6,
                    (System.nanoTime() - started) / 1e9);
        }
    }
}
