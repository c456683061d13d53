package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTest {

  @Test
  void shouldReadFilesAndFields() {
    final String body =
        "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"resources\"; filename=\"a.bpmn\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "<a/>\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"tenantId\"\r\n\r\n"
            + "<default>\r\n"
            + "--XyZ--\r\n";

    final List<Multipart.Part> parts =
        Multipart.parse("multipart/form-data; boundary=XyZ", body.getBytes(StandardCharsets.UTF_8));

    assertThat(parts).extracting(Multipart.Part::name).containsExactly("resources", "tenantId");
    assertThat(parts.get(0).filename()).isEqualTo("a.bpmn");
    assertThat(parts.get(0).text()).isEqualTo("<a/>");
    assertThat(parts.get(1).text()).isEqualTo("<default>");
  }
}
