package io.rapport.web.internal.shell;

import io.rapport.error.RapportException;
import io.rapport.web.internal.support.ErrorMessages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A pipeline error that no page handled itself becomes a page with the message in the user's language. */
@ControllerAdvice(basePackages = "io.rapport.web")
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final ErrorMessages errors;
    private final ShellAdvice shell;

    ProblemAdvice(ErrorMessages errors, ShellAdvice shell) {
        this.errors = errors;
        this.shell = shell;
    }

    @ExceptionHandler(RapportException.class)
    String problem(RapportException e, Locale locale, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        // exception handlers get a fresh model: add the shell again
        model.addAttribute("shell", shell.shell(request, locale));
        log.info("page failed code={} message={}", e.code(), e.getMessage());
        response.setStatus(e.code().httpStatus());
        model.addAttribute("problem", errors.message(e, null, locale));
        model.addAttribute("status", e.code().httpStatus());
        return "problem";
    }
}
