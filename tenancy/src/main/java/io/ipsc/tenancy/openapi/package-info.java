/**
 * The bearer JWT scheme, declared once here for every service's OpenAPI document: this module is
 * indexed by each service (it has a beans.xml), and SmallRye OpenAPI reads an {@code @OpenAPIDefinition}
 * on a package. Operations ask for it with {@code @SecurityRequirement(name = BearerAuth.SCHEME)}; the
 * title each service configures ({@code quarkus.smallrye-openapi.info-title}) replaces the one below.
 */
@OpenAPIDefinition(
        info = @Info(title = "IPSC", version = "1"),
        components = @Components(securitySchemes = @SecurityScheme(securitySchemeName = BearerAuth.SCHEME,
                type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "The access token from POST /api/auth/login, sent as 'Authorization: Bearer <token>'")))
package io.ipsc.tenancy.openapi;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
