export class RequestBase {}
