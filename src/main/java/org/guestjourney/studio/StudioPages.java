package org.guestjourney.studio;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/** The studio's pages: the list of journeys and the modeler for one of them (managers only). */
@Controller
class StudioPages {

  private final StudioJourneys journeys;

  StudioPages(StudioJourneys journeys) {
    this.journeys = journeys;
  }

  @GetMapping("/studio")
  String studio() {
    return "redirect:/studio/journeys";
  }

  @GetMapping("/studio/journeys")
  String list(Model model) {
    model.addAttribute("journeys", journeys.list());
    return "pages/studio-journeys";
  }

  @GetMapping("/studio/journeys/{processId:[a-z0-9][a-z0-9-]{0,60}}")
  String modeler(@PathVariable String processId, Model model) {
    model.addAttribute("journey", journeys.journey(processId));
    model.addAttribute(
        "simulable", org.guestjourney.journey.JourneyPlan.bookingJourneys().contains(processId));
    model.addAttribute("zone", "UTC");
    return "pages/studio-modeler";
  }

  /** Our element templates (the "send guest message" step), as the modeler loads them. */
  @GetMapping(value = "/studio/element-templates.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<byte[]> elementTemplates() throws IOException {
    try (InputStream in =
        new ClassPathResource("bpmn/element-templates/guest-message.json").getInputStream()) {
      String single =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      String list = single.startsWith("[") ? single : "[" + single + "]";
      return ResponseEntity.ok(list.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
