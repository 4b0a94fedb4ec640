package io.ipsc.manufacturing.bom;

import java.util.List;
import java.util.stream.Collectors;

/** A product that, through its BOMs, would contain itself. {@code productPath} starts and ends with the same product. */
public class BomCycleException extends RuntimeException {

    private final List<Long> productPath;

    public BomCycleException(List<Long> productPath) {
        super("The BOM structure would contain a cycle: " + describe(productPath), null, false, false);
        this.productPath = List.copyOf(productPath);
    }

    public List<Long> productPath() {
        return productPath;
    }

    public static String describe(List<Long> productPath) {
        return productPath.stream().map(id -> "product " + id).collect(Collectors.joining(" → "));
    }
}
