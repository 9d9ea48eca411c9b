package org.guestjourney.studio;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The studio's pages for decision tables (rules) and forms (managers only). */
@Controller
class StudioEditorPages {

  private final StudioRules rules;
  private final StudioForms forms;

  StudioEditorPages(StudioRules rules, StudioForms forms) {
    this.rules = rules;
    this.forms = forms;
  }

  @GetMapping("/studio/rules")
  String rules(Model model) {
    model.addAttribute("tables", rules.list());
    return "pages/studio-rules";
  }

  @GetMapping("/studio/rules/{name:[a-z0-9][a-z0-9-]{0,60}}")
  String rulesEditor(@PathVariable String name, Model model) {
    model.addAttribute("table", rules.table(name));
    return "pages/studio-rules-editor";
  }

  @GetMapping("/studio/forms")
  String forms(Model model) {
    model.addAttribute("forms", forms.list());
    return "pages/studio-forms";
  }

  @GetMapping("/studio/forms/{key:[a-zA-Z0-9][a-zA-Z0-9.-]{0,60}}")
  String formEditor(@PathVariable String key, Model model) {
    model.addAttribute("form", forms.form(key));
    return "pages/studio-form-editor";
  }
}
