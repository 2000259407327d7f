export {
  CredentialsCryptoError,
  generateKeyringEntry,
  type Keyring,
  type MasterKey,
  openCredentials,
  parseKeyring,
  resealCredentials,
  type SealedCredentials,
  sealCredentials,
} from './keyring';
