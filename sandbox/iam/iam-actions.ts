// The IAM operations the sandbox serves: each names the ARN IAM authorizes it against and turns
// request parameters into the XML inside `<XResult>`.
import type { Caller } from '../aws/identity';
import { validationError } from '../aws/query-protocol';
import { requireEntityName } from './iam-names';
import {
  booleanParam,
  paginate,
  pathParam,
  requiredParam,
  tagsParam,
  userNameOrCaller,
  userNameParam,
  versionIdParam,
} from './iam-params';
import type { AccessKeyStatus, IamState } from './iam-state';
import {
  accessKeyXml,
  attachedPolicyXml,
  pageXml,
  policyVersionXml,
  policyXml,
  userXml,
} from './iam-xml';

interface ActionContext {
  iam: IamState;
  caller: Caller;
  params: URLSearchParams;
}

interface IamAction {
  /** The resource IAM checks `iam:<Action>` against, e.g. the user's ARN. */
  resource(context: ActionContext): string;
  /** The XML inside `<ActionResult>`; empty for operations that return nothing. */
  run(context: ActionContext): string;
}

function userArn({ iam, params }: ActionContext, userName: string): string {
  const existing = iam.listUsers().find((user) => user.userName === userName);
  return existing?.arn ?? `arn:aws:iam::${iam.accountId}:user${pathParam(params)}${userName}`;
}
const namedUserArn = (context: ActionContext) => userArn(context, userNameParam(context.params));
const callerUserArn = (context: ActionContext) =>
  userArn(context, userNameOrCaller(context.params, context.caller));
const policyArnParam = ({ params }: ActionContext) => requiredParam(params, 'PolicyArn');
const anyResource = () => '*';

function accessKeyStatus(params: URLSearchParams): AccessKeyStatus {
  const status = requiredParam(params, 'Status');
  if (status !== 'Active' && status !== 'Inactive') {
    throw validationError(
      `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
    );
  }
  return status;
}

export const IAM_ACTIONS: Record<string, IamAction> = {
  CreateUser: {
    resource: namedUserArn,
    run: ({ iam, params }) =>
      `<User>${userXml(iam.createUser({ userName: userNameParam(params), path: pathParam(params), tags: tagsParam(params) }))}</User>`,
  },
  GetUser: {
    resource: callerUserArn,
    run: ({ iam, params, caller }) =>
      `<User>${userXml(iam.getUser(userNameOrCaller(params, caller)))}</User>`,
  },
  ListUsers: {
    resource: anyResource,
    run: ({ iam, params }) => {
      const prefix = pathParam(params, 'PathPrefix');
      const users = iam.listUsers().filter((user) => user.path.startsWith(prefix));
      const page = paginate(users, (user) => user.userName, params);
      return pageXml(
        'Users',
        page.items.map((user) => userXml(user, false)),
        page.nextMarker,
      );
    },
  },
  DeleteUser: {
    resource: namedUserArn,
    run: ({ iam, params }) => {
      iam.deleteUser(userNameParam(params));
      return '';
    },
  },
  CreatePolicy: {
    resource: ({ iam, params }) =>
      `arn:aws:iam::${iam.accountId}:policy${pathParam(params)}${requiredParam(params, 'PolicyName')}`,
    run: ({ iam, params }) => {
      const policy = iam.createPolicy({
        policyName: requireEntityName('policyName', requiredParam(params, 'PolicyName'), 128),
        path: pathParam(params),
        document: requiredParam(params, 'PolicyDocument'),
        description: params.get('Description') ?? undefined,
        tags: tagsParam(params),
      });
      return `<Policy>${policyXml(policy, 0)}</Policy>`;
    },
  },
  GetPolicy: {
    resource: policyArnParam,
    run: (context) => {
      // DefaultVersionId names the version in effect; GetPolicyVersion reads its document.
      const policy = context.iam.getPolicy(policyArnParam(context));
      return `<Policy>${policyXml(policy, context.iam.attachmentCount(policy.arn))}</Policy>`;
    },
  },
  CreatePolicyVersion: {
    resource: policyArnParam,
    run: (context) => {
      const arn = policyArnParam(context);
      const version = context.iam.createPolicyVersion(
        arn,
        requiredParam(context.params, 'PolicyDocument'),
        booleanParam(context.params, 'SetAsDefault'),
      );
      const policy = context.iam.getPolicy(arn);
      return `<PolicyVersion>${policyVersionXml(policy, version, false)}</PolicyVersion>`;
    },
  },
  GetPolicyVersion: {
    resource: policyArnParam,
    run: (context) => {
      const arn = policyArnParam(context);
      const policy = context.iam.getPolicy(arn);
      const version = context.iam.getPolicyVersion(arn, versionIdParam(context.params));
      return `<PolicyVersion>${policyVersionXml(policy, version, true)}</PolicyVersion>`;
    },
  },
  ListPolicyVersions: {
    resource: policyArnParam,
    run: (context) => {
      const arn = policyArnParam(context);
      const policy = context.iam.getPolicy(arn);
      // Newest first, as IAM lists them: the sort key orders higher version numbers first.
      const page = paginate(
        context.iam.listPolicyVersions(arn),
        (version) => String(1e9 - Number(version.versionId.slice(1))).padStart(10, '0'),
        context.params,
      );
      const members = page.items.map((version) => policyVersionXml(policy, version, false));
      return pageXml('Versions', members, page.nextMarker);
    },
  },
  DeletePolicyVersion: {
    resource: policyArnParam,
    run: (context) => {
      context.iam.deletePolicyVersion(policyArnParam(context), versionIdParam(context.params));
      return '';
    },
  },
  ListPolicies: {
    resource: anyResource,
    run: ({ iam, params }) => {
      // Every sandbox policy is customer managed: Scope=AWS lists none, All and Local list all.
      const scope = params.get('Scope') ?? 'All';
      const prefix = pathParam(params, 'PathPrefix');
      const onlyAttached = params.get('OnlyAttached') === 'true';
      const policies = iam
        .listPolicies()
        .filter((policy) => scope !== 'AWS' && policy.path.startsWith(prefix))
        .filter((policy) => !onlyAttached || iam.attachmentCount(policy.arn) > 0);
      const page = paginate(policies, (policy) => policy.policyName, params);
      const members = page.items.map((policy) =>
        policyXml(policy, iam.attachmentCount(policy.arn), false),
      );
      return pageXml('Policies', members, page.nextMarker);
    },
  },
  DeletePolicy: {
    resource: policyArnParam,
    run: (context) => {
      context.iam.deletePolicy(policyArnParam(context));
      return '';
    },
  },
  AttachUserPolicy: {
    resource: namedUserArn,
    run: (context) => {
      context.iam.attachUserPolicy(userNameParam(context.params), policyArnParam(context));
      return '';
    },
  },
  DetachUserPolicy: {
    resource: namedUserArn,
    run: (context) => {
      context.iam.detachUserPolicy(userNameParam(context.params), policyArnParam(context));
      return '';
    },
  },
  ListAttachedUserPolicies: {
    resource: namedUserArn,
    run: ({ iam, params }) => {
      const prefix = pathParam(params, 'PathPrefix');
      const attached = iam
        .listAttachedUserPolicies(userNameParam(params))
        .filter((policy) => policy.path.startsWith(prefix));
      const page = paginate(attached, (policy) => policy.policyName, params);
      return pageXml('AttachedPolicies', page.items.map(attachedPolicyXml), page.nextMarker);
    },
  },
  CreateAccessKey: {
    resource: callerUserArn,
    run: ({ iam, params, caller }) =>
      `<AccessKey>${accessKeyXml(iam.createAccessKey(userNameOrCaller(params, caller)), true)}</AccessKey>`,
  },
  ListAccessKeys: {
    resource: callerUserArn,
    run: ({ iam, params, caller }) => {
      const userName = userNameOrCaller(params, caller);
      const page = paginate(iam.listAccessKeys(userName), (key) => key.accessKeyId, params);
      const members = page.items.map((key) => accessKeyXml(key, false));
      return pageXml('AccessKeyMetadata', members, page.nextMarker);
    },
  },
  UpdateAccessKey: {
    resource: callerUserArn,
    run: ({ iam, params, caller }) => {
      const accessKeyId = requiredParam(params, 'AccessKeyId');
      iam.updateAccessKey(userNameOrCaller(params, caller), accessKeyId, accessKeyStatus(params));
      return '';
    },
  },
  DeleteAccessKey: {
    resource: callerUserArn,
    run: ({ iam, params, caller }) => {
      iam.deleteAccessKey(userNameOrCaller(params, caller), requiredParam(params, 'AccessKeyId'));
      return '';
    },
  },
};
