package org.guestjourney.property;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The house information page (managers): what the messages tell guests about the house. */
@Controller
class HouseInformationPages {

  private final HouseInformationService house;
  private final PropertyService properties;

  private final org.guestjourney.web.StaffWords words;

  HouseInformationPages(
      HouseInformationService house,
      PropertyService properties,
      org.guestjourney.web.StaffWords words) {
    this.words = words;
    this.house = house;
    this.properties = properties;
  }

  @GetMapping("/properties/{id}/house")
  String show(@PathVariable long id, Model model) {
    model.addAttribute("property", properties.get(id));
    if (!model.containsAttribute("house")) {
      model.addAttribute("house", house.get(id));
    }
    return "pages/house-information";
  }

  @PostMapping("/properties/{id}/house")
  String save(
      @PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
    List<FieldViolation> unreadable = new ArrayList<>();
    HouseInformation request =
        new HouseInformation(
            form.get("address"),
            form.get("directions"),
            form.get("keyHandover"),
            form.get("wifi"),
            form.get("houseManualUrl"),
            time(form, "checkInTime", unreadable),
            time(form, "checkOutTime", unreadable),
            form.get("cancellationPolicy"),
            form.get("deposit"),
            form.get("fees"),
            form.get("logoUrl"));
    try {
      if (!unreadable.isEmpty()) {
        throw new InvalidRequestException(unreadable);
      }
      house.update(id, request);
      redirect.addFlashAttribute("saved", words.say("flash.house.saved"));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute("problem", e.describe());
      redirect.addFlashAttribute("house", request);
    }
    return "redirect:/properties/" + id + "/house";
  }

  private static LocalTime time(
      Map<String, String> form, String field, List<FieldViolation> unreadable) {
    String value = form.get(field);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalTime.parse(value.strip());
    } catch (DateTimeParseException e) {
      unreadable.add(new FieldViolation(field, "must be a time such as 15:00"));
      return null;
    }
  }
}
