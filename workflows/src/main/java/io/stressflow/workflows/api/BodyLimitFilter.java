package io.stressflow.workflows.api;

import io.stressflow.workflows.security.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over {@code stressflow.api.max-body-size} with 413 before any of it is
 * parsed: a declared length is judged from its header, a chunked body is read up to the limit and
 * no further. Plans have their own, smaller limit (1 MiB, {@code PlanBounds}); this one leaves room
 * for a plan wrapped in JSON.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodyLimitFilter extends OncePerRequestFilter {

  private final long max;

  BodyLimitFilter(@Value("${stressflow.api.max-body-size:1536KB}") DataSize max) {
    this.max = max.toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > max) {
      tooLarge(request, response);
      return;
    }
    if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
      // the server reads no more than the declared length
      chain.doFilter(request, response);
      return;
    }
    byte[] body = read(request.getInputStream());
    if (body == null) {
      tooLarge(request, response);
      return;
    }
    chain.doFilter(new Buffered(request, body), response);
  }

  /** The body, or null when it is longer than the limit. */
  private byte[] read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      if (out.size() > max) {
        return null;
      }
    }
    return out.toByteArray();
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String limit = max % 1024 == 0 ? (max / 1024) + " KiB" : max + " bytes";
    String id = RequestIds.of(request);
    response.setHeader(RequestIds.HEADER, id);
    response.setStatus(413);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            ("{\"type\":\"about:blank\",\"title\":\"PAYLOAD_TOO_LARGE\",\"status\":413,"
                    + "\"detail\":\"The request body is larger than the limit of %s"
                    + " (stressflow.api.max-body-size); a plan may be at most 1 MiB\","
                    + "\"instance\":\"%s\",\"limit\":%d,\"requestId\":\"%s\"}")
                .formatted(limit, json(request.getRequestURI()), max, id));
  }

  private static String json(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A request whose body has been read into memory (within the limit). */
  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
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
          throw new UnsupportedOperationException("Expected blocking reads of a buffered body");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
