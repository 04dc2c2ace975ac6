import { z } from 'zod';

export const DEVELOPMENT_PEPPER = 'staystream-development-pepper';

/** The secret every service that checks or makes API keys shares. */
export const sourceKeyConfig = {
  /**
   * The HMAC secret API keys are hashed with. The default is public and suits development
   * only; services warn at start-up while it is in use.
   */
  SOURCE_KEY_PEPPER: z.string().min(16, 'must be at least 16 characters').default(DEVELOPMENT_PEPPER),
};
