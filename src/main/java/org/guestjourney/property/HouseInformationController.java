package org.guestjourney.property;

import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ApiController;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * A house's information for integrations and the studio: {@code GET} with any key of the property,
 * {@code PUT} (every field; the times required) by a manager. Errors are problem details naming the
 * fields at fault; an invalid change stores nothing.
 */
@ApiController
class HouseInformationController {

  private final HouseInformationService house;
  private final PropertyAccess access;

  HouseInformationController(HouseInformationService house, PropertyAccess access) {
    this.house = house;
    this.access = access;
  }

  @GetMapping("/api/properties/{id}/house")
  HouseInformation get(@PathVariable long id) {
    HouseInformation info = house.get(id);
    access.checkRead(id, () -> "No property " + id);
    return info;
  }

  @PutMapping("/api/properties/{id}/house")
  HouseInformation update(@PathVariable long id, @RequestBody HouseInformation request) {
    house.get(id);
    access.checkRead(id, () -> "No property " + id);
    return house.update(id, request);
  }
}
