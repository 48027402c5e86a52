package io.drc.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that java.net.http and Jersey's client refuse to send or would
 * repair: broken chunking, a Content-Length longer than the body, odd methods, raw bytes in headers. One request
 * per connection ({@code Connection: close}); the reply is read to the end.
 */
public final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MS = 20_000;

    private final String method;
    private final String target;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean contentLength = true;
    private byte[] raw;
    private boolean halfClose;

    private RawHttp(String method, String target) {
        this.method = method;
        this.target = target;
    }

    public static RawHttp request(String method, String target) {
        return new RawHttp(method, target);
    }

    /** Bytes sent as they are, nothing added: for requests that are not HTTP at all. */
    public static RawHttp raw(byte[] bytes) {
        RawHttp request = new RawHttp(null, null);
        request.raw = bytes;
        return request;
    }

    /** The method, or null for {@link #raw} bytes. */
    public String method() {
        return method;
    }

    /** The request target as sent (path and query), or null for {@link #raw} bytes. */
    public String target() {
        return target;
    }

    public RawHttp header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    public RawHttp bearer(String token) {
        return token == null ? this : header("Authorization", "Bearer " + token);
    }

    public RawHttp json(String json) {
        return header("Content-Type", "application/json").body(json.getBytes(StandardCharsets.UTF_8));
    }

    public RawHttp body(byte[] bytes) {
        body = bytes;
        return this;
    }

    /** No Content-Length of its own: the caller frames the body (chunked) or lies about it in a header. */
    public RawHttp withoutContentLength() {
        contentLength = false;
        return this;
    }

    /** Ends the sending side after the request, so a server waiting for more body reads end-of-stream. */
    public RawHttp halfClose() {
        halfClose = true;
        return this;
    }

    public byte[] bytes() {
        if (raw != null) {
            return raw;
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        headers.forEach(h -> head.append(h[0]).append(": ").append(h[1]).append("\r\n"));
        if (contentLength && (body.length > 0 || method.equals("POST") || method.equals("PUT"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    public Reply send(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes());
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException serverClosedEarly) {
                // the server may answer and close before it read everything (e.g. 413, 431): read the answer
            }
            return Reply.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP answer from 127.0.0.1:" + port, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset after the answer (the server closed with unread request bytes): keep what arrived
        }
        return all.toByteArray();
    }

    @Override
    public String toString() {
        String text = new String(bytes(), StandardCharsets.ISO_8859_1);
        return text.length() > 300 ? text.substring(0, 300) + "... (" + text.length() + " bytes)" : text;
    }

    /** A parsed answer; header names in lower case. {@code status} is -1 when nothing (or no HTTP) came back. */
    public record Reply(int status, Map<String, String> headers, String body) {
        static Reply parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                return new Reply(-1, Map.of(), text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? unchunk(rest) : rest;
            return new Reply(Integer.parseInt(lines[0].substring(9, 12)), headers,
                    new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] unchunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < chunked.length) {
                int lineEnd = indexOf(chunked, at);
                int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1)
                        .split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i < bytes.length - 1; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            return bytes.length;
        }

        /** The body as JSON, or null when it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                return null;
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
