package io.stressflow.workflows.api;

import io.stressflow.workflows.campaign.Campaign;
import io.stressflow.workflows.campaign.CampaignEvent;
import io.stressflow.workflows.campaign.CampaignService;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/campaigns}: launch and track campaigns. Errors are problem+json. */
@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

  private final CampaignService campaigns;

  CampaignController(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @PostMapping
  ResponseEntity<Campaign> launch(@RequestBody(required = false) Map<String, Object> variables) {
    Campaign campaign = campaigns.launch(variables == null ? Map.of() : variables);
    return ResponseEntity.created(URI.create("/api/campaigns/" + campaign.id())).body(campaign);
  }

  @GetMapping
  List<Campaign> list() {
    return campaigns.list();
  }

  @GetMapping("/{id}")
  Campaign get(@PathVariable String id) {
    return campaigns.refresh(id);
  }

  @GetMapping("/{id}/events")
  List<CampaignEvent> events(@PathVariable String id) {
    campaigns.refresh(id);
    return campaigns.events(id);
  }

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail notFound(NoSuchElementException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("NOT_FOUND");
    return problem;
  }
}
