package cn.sanwu.server.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One GET timed on loopback for the ticket benchmarks: 3 warm-ups, then the median and maximum of 15. */
record LoopbackTiming(int bytes, String encoding, double medianMs, double maxMs) {

    static LoopbackTiming of(HttpClient http, HttpRequest request) throws Exception {
        List<Long> micros = new ArrayList<>();
        int bytes = 0;
        String encoding = "";
        for (int i = 0; i < 18; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long t = (System.nanoTime() - t0) / 1000;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(request.uri().getPath() + " answered " + r.statusCode());
            }
            bytes = r.body().length;
            encoding = r.headers().firstValue("Content-Encoding").orElse("identity");
            if (i >= 3) {
                micros.add(t);
            }
        }
        Collections.sort(micros);
        return new LoopbackTiming(bytes, encoding, micros.get(micros.size() / 2) / 1000.0, micros.getLast() / 1000.0);
    }

    /** Seconds the answer takes at {@code bitsPerSecond}. */
    double secondsAt(long bitsPerSecond) {
        return bytes * 8.0 / bitsPerSecond;
    }
}
