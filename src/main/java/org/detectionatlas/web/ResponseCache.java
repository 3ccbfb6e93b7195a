package org.detectionatlas.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered responses by URL, with their gzip form and an ETag from the bytes. The catalog does not
 * change while serving, so an entry never goes stale. The cache stops adding entries past
 * {@link #MAX_BYTES}, so that a crawler walking every search URL cannot exhaust memory, and later
 * URLs are rendered on each request.
 */
final class ResponseCache {
    /** Upper bound of the cached bodies, plain and gzip together. */
    static final long MAX_BYTES = 256L * 1024 * 1024;
    /** Bodies smaller than this are sent plain: gzip would save less than its header costs. */
    static final int MIN_GZIP_BYTES = 512;
    /** Browsers revalidate with If-None-Match after five minutes; a new catalog yields new ETags. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /** One response body, ready to send. {@code gzip} is null for small bodies. */
    record Entry(String contentType, String disposition, byte[] body, byte[] gzip, String etag) {
        static Entry of(String contentType, String disposition, byte[] body) {
            byte[] gzip = body.length < MIN_GZIP_BYTES ? null : ResponseCache.gzip(body);
            return new Entry(contentType, disposition, body, gzip, ResponseCache.etag(body));
        }

        long size() {
            return body.length + (gzip == null ? 0 : gzip.length);
        }
    }

    /** Returns the cached entry of the key, or null. */
    Entry peek(String key) {
        return entries.get(key);
    }

    Entry get(String key, Supplier<Entry> render) {
        Entry cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        Entry fresh = render.get();
        if (bytes.get() + fresh.size() <= MAX_BYTES && entries.putIfAbsent(key, fresh) == null) {
            bytes.addAndGet(fresh.size());
        }
        return fresh;
    }

    int size() {
        return entries.size();
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
