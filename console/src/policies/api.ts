import { httpClient } from '../dataProvider';
import { callApi, type BodyOf } from '../common/callApi';
import { ROUTES } from '../../../contract/routes';
import type { PolicyValidation } from '../../../contract/schemas/answers';

export type PolicyProblem = PolicyValidation['problems'][number];

type Subject = BodyOf<typeof ROUTES.policyValidate>['appliesTo'];

export async function validateDocument(appliesTo: string, document: unknown): Promise<PolicyProblem[]> {
  // appliesTo comes from a policy row the API sent, so it is one of the subjects the route takes.
  const { problems } = await callApi(ROUTES.policyValidate, { body: { appliesTo: appliesTo as Subject, document } });
  return problems;
}

export const postJson = async (url: string, body: unknown) => (await httpClient(url, { method: 'POST', body: JSON.stringify(body) })).json;
