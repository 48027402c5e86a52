package io.drc.controller.errors;

import io.drc.controller.api.ApiLimits;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;

/**
 * Reads an API request's whole body before Jersey sees it, at most {@link #LIMIT} bytes after gzip is undone. A
 * body that cannot be read — broken chunking, bad gzip, shorter than its Content-Length, too slow — is the
 * caller's fault and gets a 400 (408 when it timed out) here, in the API's error shape; a body over the limit a 413.
 * Jersey then reads from memory and meets only JSON problems, never a broken connection.
 */
public final class RequestBodyFilter implements Filter {
    private static final int LIMIT = ApiLimits.BODY_BYTES;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        if (http.getContentLengthLong() > LIMIT) {
            tooLarge(http, out);
            return;
        }
        if (http.getMethod().equals("GET") || http.getMethod().equals("HEAD")) {
            // no resource reads a GET's body: nothing to check, and no buffer to allocate on the busiest requests
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = readAtMostOneMore(http.getInputStream());
        } catch (IOException e) {
            unreadable(http, out, e);
            return;
        } catch (RuntimeException e) {
            // Jetty's decoders wrap what they found wrong with the bytes (gzip) in unchecked exceptions
            if (!hasCause(e, IOException.class) && !hasCause(e, HttpException.class)) {
                throw e;
            }
            unreadable(http, out, e);
            return;
        }
        if (body.length > LIMIT) {
            tooLarge(http, out);
            return;
        }
        chain.doFilter(new BufferedBody(http, body), response);
    }

    private static byte[] readAtMostOneMore(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int read;
        while (body.size() <= LIMIT && (read = in.read(chunk, 0, Math.min(chunk.length, LIMIT + 1 - body.size()))) != -1) {
            body.write(chunk, 0, read);
        }
        return body.toByteArray();
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        closeAfter(response);
        ErrorResponses.write(request, response, 413, "body_too_large", "the request body is larger than "
                + LIMIT / 1024 + " KiB (after gzip is undone): drc's requests are small JSON objects; send only the "
                + "documented fields");
    }

    private static void unreadable(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        closeAfter(response);
        boolean timedOut = hasCause(e, TimeoutException.class);
        String why = HttpErrors.plain(rootMessage(e));
        if (timedOut) {
            ErrorResponses.write(request, response, 408, "request_timeout", "the request body stopped arriving"
                    + (why == null ? "" : " (" + why + ")") + ": send the whole body its Content-Length announces, "
                    + "without pausing");
        } else {
            ErrorResponses.write(request, response, 400, "unreadable_body", "the request body could not be read"
                    + (why == null ? "" : " (" + why + ")") + ": send a complete body, exactly as long as its "
                    + "Content-Length, and valid gzip when it says Content-Encoding: gzip");
        }
    }

    /** The rest of the body is not worth reading: the connection closes after this answer. */
    private static void closeAfter(HttpServletResponse response) {
        response.setHeader("Connection", "close");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static boolean hasCause(Throwable e, Class<?> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The request with its body in memory; Content-Length now tells the length actually read. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already in memory: read it synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
        }

        /** The declared charset when Java knows it; JSON's UTF-8 otherwise (Jersey reads bytes, not this). */
        private Charset charset() {
            try {
                return Charset.forName(getCharacterEncoding());
            } catch (IllegalArgumentException unknownOrMissing) {
                return StandardCharsets.UTF_8;
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
