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
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** A pipeline error that no page handled itself becomes a page with the message in the user's language. */
@ControllerAdvice(basePackages = "io.rapport.web")
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final ErrorMessages errors;
    private final ShellAdvice shell;
    private final MessageSource messages;

    ProblemAdvice(ErrorMessages errors, ShellAdvice shell, MessageSource messages) {
        this.errors = errors;
        this.shell = shell;
        this.messages = messages;
    }

    /**
     * A path or query value of the wrong type (a record id that is not a GUID, a number too large for its type):
     * 400 naming the value (cut to 40 characters, so a huge one is not echoed) and the parameter, never a 500.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String badParameter(MethodArgumentTypeMismatchException e, Locale locale, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("shell", shell.shell(request, locale));
        String value = String.valueOf(e.getValue());
        if (value.length() > 40) {
            value = value.substring(0, 40) + "…";
        }
        log.info("page failed: parameter {} is not a {}", e.getName(),
                e.getRequiredType() == null ? "?" : e.getRequiredType().getSimpleName());
        response.setStatus(400);
        String key = e.getRequiredType() == java.util.UUID.class ? "problem.badId" : "problem.badParameter";
        model.addAttribute("problem", messages.getMessage(key, new Object[] {value, e.getName()}, locale));
        model.addAttribute("status", 400);
        return "problem";
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
