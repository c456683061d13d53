package io.stressflow.workflows.api;

import io.stressflow.workflows.campaign.CampaignService;
import io.stressflow.workflows.console.CampaignDiagram;
import io.stressflow.workflows.console.ModuleHistory;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The web console: its two pages (the console at {@code /}, the login form at {@code /login}) and
 * the few read endpoints it needs beyond the API (a campaign's marked BPMN diagram, a module's
 * readings for its lane plots). The console itself is plain HTML and JavaScript under {@code
 * static/console}, with its libraries vendored under {@code static/vendor}.
 */
@RestController
@Tag(name = "Console", description = "What the web console reads beyond the rest of the API")
class ConsoleController {

  private final CampaignService campaigns;
  private final CampaignDiagram diagrams;
  private final ModuleHistory modules;

  ConsoleController(CampaignService campaigns, CampaignDiagram diagrams, ModuleHistory modules) {
    this.campaigns = campaigns;
    this.diagrams = diagrams;
    this.modules = modules;
  }

  @GetMapping("/api/campaigns/{id}/diagram")
  @Operation(
      summary = "A campaign's BPMN diagram, marked",
      description =
          "The BPMN XML of its process definition; per element the instances active, completed"
              + " and terminated, and the open incidents; the sequence flows taken.")
  CampaignDiagram.Diagram diagram(@PathVariable String id) {
    return diagrams.of(campaigns.view(id));
  }

  @GetMapping("/api/modules/{serial}/samples")
  @Operation(
      summary = "A module's readings in a campaign, per lane, with its legs' failure criteria",
      description =
          "Baseline, read points and in-situ readings (the latest 2000), oldest first; the"
              + " campaign is the latest the module was read in unless campaignId names one.")
  ModuleHistory.History samples(
      @PathVariable String serial, @RequestParam(required = false) String campaignId) {
    return modules.of(serial, campaignId);
  }

  @Hidden
  @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> console(CsrfToken csrf, Principal user) {
    return page("index.html", csrf, user == null ? "" : user.getName(), "");
  }

  @Hidden
  @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> login(CsrfToken csrf, HttpServletRequest request) {
    String message = "";
    if (request.getParameter("error") != null) {
      message = "<p class=\"error\" role=\"alert\">Wrong user name or password.</p>";
    } else if (request.getParameter("logout") != null) {
      message = "<p class=\"note\" role=\"status\">You are logged out.</p>";
    }
    return page("login.html", csrf, "", message);
  }

  private static ResponseEntity<String> page(
      String name, CsrfToken csrf, String user, String message) {
    String html = template(name);
    html =
        html.replace("{{csrfToken}}", csrf == null ? "" : HtmlUtils.htmlEscape(csrf.getToken()))
            .replace("{{csrfParameter}}", csrf == null ? "_csrf" : csrf.getParameterName())
            .replace("{{csrfHeader}}", csrf == null ? "X-XSRF-TOKEN" : csrf.getHeaderName())
            .replace("{{user}}", HtmlUtils.htmlEscape(user))
            .replace("{{message}}", message);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(html);
  }

  private static String template(String name) {
    try (InputStream in = ConsoleController.class.getResourceAsStream("/console/" + name)) {
      if (in == null) {
        throw new IllegalStateException("The console page " + name + " is not packaged");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
