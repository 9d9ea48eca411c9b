package org.guestjourney.property;

import java.util.List;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class PropertyService {

  private final PropertyRepository properties;

  PropertyService(PropertyRepository properties) {
    this.properties = properties;
  }

  /** Registers a property; a second request with the same code returns the first property. */
  @Transactional
  public Property register(PropertyRequest request) {
    Violations v = new Violations();
    request.validate(v);
    v.throwIfAny();
    return properties
        .findByCode(request.code())
        .orElseGet(() -> properties.findById(properties.insert(request)).orElseThrow());
  }

  public Property get(long id) {
    return properties.findById(id).orElseThrow(() -> new NotFoundException("No property " + id));
  }

  public SettingsRequest settings(long id) {
    get(id);
    return SettingsRequest.of(properties.settings(id));
  }

  /**
   * Changes a property's journey settings; nothing changes if any value is wrong. Send-time rules
   * (quiet hours, caps, fallback wait) apply to the next message that falls due; timings of in-stay
   * and post-stay messages apply to journeys that plan them from now on.
   */
  @Transactional
  public SettingsRequest updateSettings(long id, SettingsRequest request) {
    get(id);
    Violations v = new Violations();
    request.validate(v);
    v.throwIfAny();
    properties.updateSettings(id, request);
    return settings(id);
  }

  public List<Property> all() {
    return properties.findAll();
  }
}
