package io.ipsc.invoicing.gst;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.util.List;

/** The GST rates a line may carry ({@code ipsc.invoicing.gst-slabs}); anything else is a typo or an old rate. */
@Singleton
public class GstSlabs {

    private final List<BigDecimal> slabs;

    public GstSlabs(@ConfigProperty(name = "ipsc.invoicing.gst-slabs", defaultValue = "0,0.25,3,5,12,18,28,40") List<String> slabs) {
        this.slabs = slabs.stream().map(s -> new BigDecimal(s.trim())).toList();
    }

    public boolean allowed(BigDecimal rate) {
        return rate != null && slabs.stream().anyMatch(s -> s.compareTo(rate) == 0);
    }

    public String describe() {
        return String.join(", ", slabs.stream().map(BigDecimal::toPlainString).toList());
    }
}
