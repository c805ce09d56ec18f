package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.pipeline.UnitOfWork;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What pricing a line reads of the catalog (the product, the unit, the price list item, the discount list's ranges,
 * the currency's precision),
 * read once per request or unit of work ({@link UnitOfWork}: a deep insert, a change set) however many lines it
 * prices: CalculatePrice and a 20-line quote read the laptop's price once, not 20 times. Any change to the catalog in
 * the same request or unit forgets what was read (this plugin, after each such change).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.SET_STATE}, entity = "product",
        stage = Stage.POST_OPERATION, order = 1)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "uom",
        stage = Stage.POST_OPERATION, order = 1)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "productpricelevel",
        stage = Stage.POST_OPERATION, order = 1)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "discounttype",
        stage = Stage.POST_OPERATION, order = 1)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "discount",
        stage = Stage.POST_OPERATION, order = 1)
@PluginStep(messages = Messages.UPDATE, entity = "transactioncurrency", stage = Stage.POST_OPERATION, order = 1)
class CatalogReads implements Plugin {

    private static final String KEY = "sales.catalogReads";

    /** The value read for the key in this request or unit, reading it the first time. */
    @SuppressWarnings("unchecked")
    static <T> Optional<T> once(PluginContext context, String key, Supplier<Optional<T>> read) {
        Map<String, Optional<?>> cache = (Map<String, Optional<?>>) scope(context)
                .computeIfAbsent(KEY, k -> new HashMap<String, Optional<?>>());
        Optional<?> known = cache.get(key);
        if (known != null) {
            return (Optional<T>) known;
        }
        Optional<T> value = read.get();
        cache.put(key, value);
        return value;
    }

    private static Map<String, Object> scope(PluginContext context) {
        return UnitOfWork.current().map(UnitOfWork::variables).orElse(context.sharedVariables());
    }

    @Override
    public void execute(PluginContext context) {
        scope(context).remove(KEY);
        context.sharedVariables().remove(KEY);
    }
}
