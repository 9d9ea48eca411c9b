package org.guestjourney.property;

import java.net.URI;
import java.util.List;
import org.guestjourney.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

@ApiController
@RequestMapping("/api/properties")
class PropertyController {

  private final PropertyService service;

  PropertyController(PropertyService service) {
    this.service = service;
  }

  @PostMapping
  ResponseEntity<Property> register(@RequestBody PropertyRequest request) {
    Property property = service.register(request);
    return ResponseEntity.created(URI.create("/api/properties/" + property.id())).body(property);
  }

  @GetMapping
  List<Property> all() {
    return service.all();
  }

  @GetMapping("/{id}")
  Property one(@PathVariable long id) {
    return service.get(id);
  }

  @GetMapping("/{id}/settings")
  SettingsRequest settings(@PathVariable long id) {
    return service.settings(id);
  }

  @org.springframework.web.bind.annotation.PutMapping("/{id}/settings")
  SettingsRequest updateSettings(@PathVariable long id, @RequestBody SettingsRequest request) {
    return service.updateSettings(id, request);
  }
}
