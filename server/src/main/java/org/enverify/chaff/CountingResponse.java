package org.enverify.chaff;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;

/** Counts the body bytes a response writes on their way through, without keeping them. */
final class CountingResponse extends HttpServletResponseWrapper {

    private long bytes;
    private ServletOutputStream stream;
    private PrintWriter writer;

    CountingResponse(HttpServletResponse response) {
        super(response);
    }

    long bodyBytes() {
        return bytes;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CountingStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new CountingWriter(super.getWriter(), Charset.forName(getCharacterEncoding())));
        }
        return writer;
    }

    /** What was buffered is discarded; the container refuses this once anything has been sent. */
    @Override
    public void resetBuffer() {
        super.resetBuffer();
        bytes = 0;
    }

    @Override
    public void reset() {
        super.reset();
        bytes = 0;
    }

    private final class CountingStream extends ServletOutputStream {

        private final ServletOutputStream out;

        CountingStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }

    private final class CountingWriter extends Writer {

        private final Writer out;
        private final Charset charset;

        CountingWriter(Writer out, Charset charset) {
            this.out = out;
            this.charset = charset;
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            out.write(chars, off, len);
            bytes += new String(chars, off, len).getBytes(charset).length;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
