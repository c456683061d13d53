package io.stressflow.workflows.api;

import io.stressflow.workflows.campaign.ModuleRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/lots} and {@code /api/modules}: the registry of lots and module serials. */
@RestController
@Tag(name = "Modules and lots", description = "Register lots and modules; where each is on test")
class ModuleController {

  private final ModuleRegistry registry;

  ModuleController(ModuleRegistry registry) {
    this.registry = registry;
  }

  /**
   * A module to register.
   *
   * @param serial its serial (required).
   * @param lot its lot (registered first), or null.
   * @param partNumber its part number, or null for the lot's.
   */
  record ModuleRequest(String serial, String lot, String partNumber) {}

  @PostMapping("/api/lots")
  @Operation(summary = "Register a lot: {\"id\", \"partNumber\", \"dateCode\"}")
  @ApiResponse(responseCode = "201", description = "Registered; Location names the lot")
  ResponseEntity<ModuleRegistry.Lot> registerLot(@RequestBody ModuleRegistry.Lot lot) {
    ModuleRegistry.Lot stored = registry.registerLot(lot);
    return ResponseEntity.created(URI.create("/api/lots/" + stored.id())).body(stored);
  }

  @GetMapping("/api/lots")
  @Operation(summary = "Every lot")
  List<ModuleRegistry.Lot> lots() {
    return registry.lots();
  }

  @GetMapping("/api/lots/{id}")
  @Operation(summary = "One lot")
  ModuleRegistry.Lot lot(@PathVariable String id) {
    return registry
        .lot(id)
        .orElseThrow(() -> new NoSuchElementException("No lot with id '" + id + "'"));
  }

  @PostMapping("/api/modules")
  @Operation(summary = "Register a module: {\"serial\", \"lot\", \"partNumber\"}")
  @ApiResponse(responseCode = "201", description = "Registered; Location names the module")
  ResponseEntity<ModuleRegistry.Module> registerModule(@RequestBody ModuleRequest m) {
    ModuleRegistry.Module stored = registry.registerModule(m.serial(), m.lot(), m.partNumber());
    return ResponseEntity.created(URI.create("/api/modules/" + stored.serial())).body(stored);
  }

  @GetMapping("/api/modules")
  @Operation(summary = "Registered modules, optionally of one lot, with where each is on test")
  List<ModuleRegistry.Module> modules(@RequestParam(required = false) String lot) {
    return registry.modules(lot);
  }

  @GetMapping("/api/modules/{serial}")
  @Operation(summary = "One module and where it is on test")
  ModuleRegistry.Module module(@PathVariable String serial) {
    return registry.module(serial);
  }
}
