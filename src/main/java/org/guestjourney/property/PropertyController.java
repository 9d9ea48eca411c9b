package org.guestjourney.property;

import java.net.URI;
import java.util.List;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ApiController;
import org.guestjourney.web.ForbiddenException;
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
  private final PropertyAccess access;

  PropertyController(PropertyService service, PropertyAccess access) {
    this.service = service;
    this.access = access;
  }

  private Property readable(long id) {
    Property property = service.get(id);
    access.checkRead(id, () -> "No property " + id);
    return property;
  }

  @PostMapping
  ResponseEntity<Property> register(@RequestBody PropertyRequest request) {
    if (!access.allProperties() || !access.canWriteGuests()) {
      throw new ForbiddenException(
          "Registering a property needs a manager, or a write key for all properties");
    }
    PropertyService.Registration registration = service.registration(request);
    Property property = registration.property();
    URI location = URI.create("/api/properties/" + property.id());
    return registration.created()
        ? ResponseEntity.created(location).body(property)
        : ResponseEntity.ok().location(location).body(property);
  }

  @GetMapping
  List<Property> all() {
    return service.all().stream().filter(p -> access.canRead(p.id())).toList();
  }

  @GetMapping("/{id}")
  Property one(@PathVariable long id) {
    return readable(id);
  }

  @GetMapping("/{id}/settings")
  SettingsRequest settings(@PathVariable long id) {
    readable(id);
    return service.settings(id);
  }

  @org.springframework.web.bind.annotation.PutMapping("/{id}/settings")
  SettingsRequest updateSettings(@PathVariable long id, @RequestBody SettingsRequest request) {
    readable(id);
    return service.updateSettings(id, request);
  }
}
