package io.rapport.web.internal.shell;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security processes the posted form. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
