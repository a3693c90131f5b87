import { AppError } from "@/lib/errors";
import { OmiseApiError, OmiseUnavailableError } from "@/lib/omise/errors";

/** Map an Omise client failure to what the user is told. Always throws. */
export function toProviderError(err: unknown): never {
  if (err instanceof OmiseUnavailableError) throw new AppError("unavailable", "err.circuit_open", { cause: err });
  if (err instanceof OmiseApiError && err.isRejection) {
    throw new AppError("unprocessable", "err.provider_rejected", { params: { message: err.message }, cause: err });
  }
  throw new AppError("provider_error", "err.provider", { cause: err });
}
