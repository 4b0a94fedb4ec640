package io.ipsc.tenant.signup;

import io.ipsc.tenant.user.UserService;

/**
 * {@code POST /api/signup}: a new account ({@code full_name}, {@code email}, {@code password}) and its
 * organisation. A signed-in caller sends the {@code tenant} only: it becomes the admin of one more.
 */
public record SignupRequest(String fullName, String email, String password, SignupTenant tenant) {

    boolean namesAnAccount() {
        return fullName != null || email != null || password != null;
    }

    UserService.CreateUserRequest account() {
        return new UserService.CreateUserRequest(email, password, fullName, false);
    }
}
