package org.guestjourney.property;

import java.util.List;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class PropertyService implements org.guestjourney.security.KnownProperties {

  private final PropertyRepository properties;
  private final org.springframework.context.ApplicationEventPublisher events;

  PropertyService(
      PropertyRepository properties, org.springframework.context.ApplicationEventPublisher events) {
    this.properties = properties;
    this.events = events;
  }

  /** A registration's answer: the property, and whether this request created it. */
  public record Registration(Property property, boolean created) {}

  /**
   * Registers a property. The same request again (same code, same values) returns the stored
   * property; the same code with other values is a conflict (409) naming them.
   */
  @Transactional
  public Registration registration(PropertyRequest request) {
    Violations v = new Violations();
    request.validate(v);
    v.throwIfAny();
    java.util.Optional<Property> existing = properties.findByCode(request.code());
    if (existing.isPresent()) {
      List<String> differing = request.differences(existing.get());
      if (!differing.isEmpty()) {
        throw new ConflictException(
            "Property "
                + request.code()
                + " exists with other values of: "
                + String.join(", ", differing)
                + ". Change its settings instead of registering it again.");
      }
      return new Registration(existing.get(), false);
    }
    return new Registration(properties.findById(properties.insert(request)).orElseThrow(), true);
  }

  /** As {@link #registration}, the property only. */
  @Transactional
  public Property register(PropertyRequest request) {
    return registration(request).property();
  }

  public Property get(long id) {
    return properties.findById(id).orElseThrow(() -> new NotFoundException("No property " + id));
  }

  public SettingsRequest settings(long id) {
    return SettingsRequest.of(properties.settings(id), get(id));
  }

  /**
   * Changes a property's journey settings; nothing changes if any value is wrong. Send-time rules
   * (quiet hours, caps, fallback wait) apply to the next message that falls due. Running journeys
   * hear of the change ({@link JourneySettingsChanged}, in this transaction) and arm the moments
   * they wait for again from the new values.
   */
  @Transactional
  public SettingsRequest updateSettings(long id, SettingsRequest request) {
    get(id);
    Violations v = new Violations();
    request.validate(v);
    v.throwIfAny();
    properties.updateSettings(id, request);
    events.publishEvent(new JourneySettingsChanged(id));
    return settings(id);
  }

  @Override
  public List<Known> known() {
    return all().stream().map(p -> new Known(p.id(), p.name())).toList();
  }

  public List<Property> all() {
    return properties.findAll();
  }
}
